import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** sha256 of bytes (strings as UTF-8), lower-case hex: the form S3 keys and manifests use. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * `${prefix}/assets/${sha}/${name}`: the S3 key (or URI, when prefix is an s3:// URI) of a
 * content-addressed asset. Same bytes, same key, so an unchanged code folder never changes
 * the definition and SageMaker step caching keeps hitting. Trailing slashes of the prefix are
 * dropped; a malformed sha or a name with "/" is a bug in the caller, hence an exception.
 */
export function contentAddressedKey(prefix: string, sha: string, name: string): string {
  if (!SHA256_HEX.test(sha)) throw new Error(`not a lower-case sha256 hex digest: "${sha}"`);
  if (name === '' || name.includes('/')) throw new Error(`asset name must be a plain file name: "${name}"`);
  return `${prefix.replace(/\/+$/, '')}/assets/${sha}/${name}`;
}

/** sha256 of a file, lower-case hex, streamed through a fixed buffer. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
