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
import type { S3Location } from './s3-uri.js';

export interface MultipartOptions {
  /** Bytes per part; S3 needs at least 5 MiB for every part but the last. */
  partSize: number;
  /** Parts in flight at once. */
  concurrency: number;
}

export const DEFAULT_MULTIPART: MultipartOptions = { partSize: 8 * 1024 * 1024, concurrency: 4 };

/**
 * Create → UploadPart × n → Complete, with the sha256 metadata set at create time. Any failure
 * aborts the upload, so no half-written parts linger (and bill) in the bucket; nothing is visible
 * at the key until Complete succeeds, so a killed upload never leaves a truncated object behind.
 */
export async function multipartUpload(s3: S3Client, to: S3Location, bytes: Buffer, metadata: Record<string, string>, call: AwsCall, options: MultipartOptions, onBytes: (sent: number) => void): Promise<void> {
  const created = await callAws({ ...call, action: 's3:PutObject (CreateMultipartUpload)' }, () =>
    s3.send(new CreateMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, Metadata: metadata })));
  const uploadId = created.UploadId as string;
  try {
    const parts = await uploadParts(s3, to, uploadId, bytes, call, options, onBytes);
    await callAws({ ...call, action: 's3:PutObject (CompleteMultipartUpload)' }, () =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId, MultipartUpload: { Parts: parts } })));
  } catch (error) {
    await s3.send(new AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
}

async function uploadParts(s3: S3Client, to: S3Location, uploadId: string, bytes: Buffer, call: AwsCall, options: MultipartOptions, onBytes: (sent: number) => void): Promise<CompletedPart[]> {
  const count = Math.max(1, Math.ceil(bytes.length / options.partSize));
  const parts: CompletedPart[] = new Array(count);
  let next = 0;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const body = bytes.subarray(index * options.partSize, Math.min(bytes.length, (index + 1) * options.partSize));
      const out = await callAws({ ...call, action: 's3:PutObject (UploadPart)' }, () =>
        s3.send(new UploadPartCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId, PartNumber: index + 1, Body: body })));
      parts[index] = completedPart(index + 1, out);
      sent += body.length;
      onBytes(sent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, worker));
  return parts;
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
