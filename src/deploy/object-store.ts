import { readFile } from 'node:fs/promises';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { sha256Hex } from '../assets/hash.js';
import { explainAwsError } from './explain-error.js';
import { callAws, type AwsCall } from './aws-call.js';
import { errorName, asAwsError } from './errors.js';
import { DEFAULT_MULTIPART, multipartUpload, type MultipartOptions } from './multipart.js';
import type { OpenUploads } from './open-uploads.js';
import { parseS3Uri } from './s3-uri.js';
import { changedFile, type StoredFile } from './stored-file.js';

/**
 * Content-addressed objects. The sha256 travels as user metadata (`x-amz-meta-sha256`) rather
 * than as S3's ChecksumSHA256: for multipart uploads S3's checksum is a checksum of part
 * checksums, not the file's sha256, and HeadObject returns metadata without ChecksumMode, so one
 * HeadObject answers "is this exact file there?" for every object size (and on S3-compatible
 * stores). Transfer integrity is still checked: the SDK sends a CRC32 with every PutObject/UploadPart.
 */
export type ObjectState = 'present' | 'missing' | 'different';

export interface StoreOptions {
  /** Files from this size go up in parts. */
  multipartThreshold: number;
  multipart: MultipartOptions;
}

export const DEFAULT_STORE: StoreOptions = { multipartThreshold: 16 * 1024 * 1024, multipart: DEFAULT_MULTIPART };

export async function objectState(s3: S3Client, uri: string, sha256: string, size: number, region: string): Promise<ObjectState> {
  const { bucket, key } = parseS3Uri(uri);
  const call: AwsCall = { action: 's3:GetObject (HeadObject)', resource: uri, region };
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const sameSize = head.ContentLength === undefined || head.ContentLength === size;
    return head.Metadata?.sha256 === sha256 && sameSize ? 'present' : 'different';
  } catch (error) {
    if (isMissing(error)) return 'missing';
    throw explainAwsError(error, call);
  }
}

function isMissing(error: unknown): boolean {
  const name = errorName(error);
  return name === 'NotFound' || name === 'NoSuchKey' || asAwsError(error).$metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket';
}

/**
 * Uploads a file to its key with its sha256 as metadata; `onBytes` reports progress. The bytes
 * sent are hashed on the way and must match the sha256 the folder was checked against, so a file
 * changed since then never lands under another file's content address.
 */
export async function putFile(s3: S3Client, file: StoredFile, region: string, options: StoreOptions, onBytes: (sent: number) => void = () => {}, open?: OpenUploads): Promise<void> {
  const to = parseS3Uri(file.s3Uri);
  const call: AwsCall = { action: 's3:PutObject', resource: file.s3Uri, region };
  const metadata = { sha256: file.sha256 };
  if (file.size >= options.multipartThreshold) {
    await multipartUpload(s3, to, file, metadata, call, options.multipart, onBytes, open);
    return;
  }
  const bytes = await readFile(file.path);
  if (sha256Hex(bytes) !== file.sha256) throw changedFile(file.path);
  await callAws(call, () => s3.send(new PutObjectCommand({ Bucket: to.bucket, Key: to.key, Body: bytes, Metadata: metadata }), { abortSignal: open?.signal }));
  onBytes(bytes.length);
}
