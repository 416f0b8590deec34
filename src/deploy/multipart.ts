import { open as openFile, type FileHandle } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
  type UploadPartCommandOutput,
} from '@aws-sdk/client-s3';
import { callAws, type AwsCall } from './aws-call.js';
import { mapLimit } from './concurrency.js';
import type { OpenUploads } from './open-uploads.js';
import type { S3Location } from './s3-uri.js';
import { changedFile, type StoredFile } from './stored-file.js';

export interface MultipartOptions {
  /** Bytes per part; S3 needs at least 5 MiB for every part but the last. */
  partSize: number;
  /** Parts in flight at once. */
  concurrency: number;
}

export const DEFAULT_MULTIPART: MultipartOptions = { partSize: 8 * 1024 * 1024, concurrency: 4 };

interface Upload {
  s3: S3Client;
  to: S3Location;
  uploadId: string;
  call: AwsCall;
  signal: AbortSignal | undefined;
}

/**
 * Create → UploadPart × n → Complete, with the sha256 metadata set at create time. Any failure
 * aborts the upload, so no half-written parts linger (and bill) in the bucket; nothing is visible
 * at the key until Complete succeeds, so a killed upload never leaves a truncated object behind.
 * Parts are read from the file as they are sent (memory: partSize × concurrency), in order, and
 * hashed: Complete is only sent when the file still has the sha256 it was checked with. An
 * interrupted process (`open.abortAll`) aborts the upload itself.
 *
 * Kept instead of @aws-sdk/lib-storage's Upload: that class sends CompleteMultipartUpload itself
 * when the body ends (lib/lib-storage/README.md in aws/aws-sdk-js-v3), with no point at which a
 * file that changed while it was read can be refused, and its parts do not go through callAws
 * (per-request timeouts, retry classification, the interrupt bookkeeping above).
 */
export async function multipartUpload(s3: S3Client, to: S3Location, file: StoredFile, metadata: Record<string, string>, call: AwsCall, options: MultipartOptions, onBytes: (sent: number) => void, open?: OpenUploads): Promise<void> {
  // Opened before CreateMultipartUpload: a file that cannot be read leaves no upload behind.
  const handle = await openFile(file.path, 'r');
  try {
    const created = await callAws({ ...call, action: 's3:PutObject (CreateMultipartUpload)' }, () =>
      s3.send(new CreateMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, Metadata: metadata }), { abortSignal: open?.signal }));
    const upload: Upload = { s3, to, uploadId: created.UploadId as string, call, signal: open?.signal };
    await finishUpload(upload, handle, file, options, onBytes, open);
  } finally {
    await handle.close();
  }
}

/** Parts, then Complete; on any failure Abort (unless the interrupted process is aborting it already). */
async function finishUpload(upload: Upload, handle: FileHandle, file: StoredFile, options: MultipartOptions, onBytes: (sent: number) => void, open?: OpenUploads): Promise<void> {
  const { s3, to, uploadId } = upload;
  const forget = open?.add({ s3, bucket: to.bucket, key: to.key, uploadId });
  try {
    const parts = await uploadParts(upload, handle, file, options, onBytes);
    await callAws({ ...upload.call, action: 's3:PutObject (CompleteMultipartUpload)' }, () =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: upload.signal }));
  } catch (error) {
    if (!open?.interrupted) await s3.send(new AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  } finally {
    forget?.();
  }
}

async function uploadParts(upload: Upload, handle: FileHandle, file: StoredFile, options: MultipartOptions, onBytes: (sent: number) => void): Promise<CompletedPart[]> {
  const count = Math.max(1, Math.ceil(file.size / options.partSize));
  const reader = orderedReader(handle, file.size, options.partSize);
  let sent = 0;
  const parts = await mapLimit(Array.from({ length: count }, (_, index) => index), options.concurrency, async (index) => {
    const body = await reader.read(index);
    const out = await callAws({ ...upload.call, action: 's3:PutObject (UploadPart)' }, () =>
      upload.s3.send(new UploadPartCommand({ Bucket: upload.to.bucket, Key: upload.to.key, UploadId: upload.uploadId, PartNumber: index + 1, Body: body }), { abortSignal: upload.signal }));
    sent += body.length;
    onBytes(sent);
    return completedPart(index + 1, out);
  });
  if (reader.digest() !== file.sha256) throw changedFile(file.path);
  return parts;
}

/**
 * Reads part `index` of the file. mapLimit's workers take indexes in increasing order and each read waits for
 * the one before it, so the running hash sees the file front to back.
 */
function orderedReader(handle: FileHandle, size: number, partSize: number): { read(index: number): Promise<Buffer>; digest(): string } {
  const hash: Hash = createHash('sha256');
  let previous: Promise<unknown> = Promise.resolve();
  return {
    read(index) {
      const start = index * partSize;
      const length = Math.min(size, start + partSize) - start;
      const done = previous.then(async () => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, start);
        hash.update(buffer.subarray(0, bytesRead));
        return buffer.subarray(0, bytesRead);
      });
      previous = done;
      return done;
    },
    digest: () => hash.digest('hex'),
  };
}

/** The part's ETag plus whatever checksum the SDK computed for it, which Complete must echo back. */
function completedPart(partNumber: number, out: UploadPartCommandOutput): CompletedPart {
  const part: CompletedPart = { PartNumber: partNumber, ETag: out.ETag as string };
  if (out.ChecksumCRC32) part.ChecksumCRC32 = out.ChecksumCRC32;
  if (out.ChecksumCRC32C) part.ChecksumCRC32C = out.ChecksumCRC32C;
  if (out.ChecksumSHA1) part.ChecksumSHA1 = out.ChecksumSHA1;
  if (out.ChecksumSHA256) part.ChecksumSHA256 = out.ChecksumSHA256;
  return part;
}
