import { AbortMultipartUploadCommand, type S3Client } from '@aws-sdk/client-s3';

interface OpenUpload {
  s3: S3Client;
  bucket: string;
  key: string;
  uploadId: string;
}

/**
 * The multipart uploads this process has open. S3 keeps (and bills) the parts of an upload until
 * it is completed or aborted, so an interrupted upsert (Ctrl-C, SIGTERM) calls `abortAll` before it
 * exits: the requests in flight are cancelled first, then each upload is aborted. AWS: "if any part
 * uploads are currently in progress, those part uploads might or might not succeed. As a result,
 * it might be necessary to abort a given multipart upload multiple times"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html), hence cancel first.
 */
export class OpenUploads {
  private readonly open = new Map<string, OpenUpload>();
  private readonly controller = new AbortController();

  /** Passed to every upload request, so `abortAll` can cut them off. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get interrupted(): boolean {
    return this.controller.signal.aborted;
  }

  get size(): number {
    return this.open.size;
  }

  /** Registers an upload; the returned function forgets it (after Complete or Abort). */
  add(upload: OpenUpload): () => void {
    this.open.set(upload.uploadId, upload);
    return () => void this.open.delete(upload.uploadId);
  }

  /** Cancels the requests in flight and aborts every open upload; resolves with how many were aborted. */
  async abortAll(): Promise<number> {
    const uploads = [...this.open.values()];
    this.controller.abort();
    const results = await Promise.allSettled(uploads.map((u) => u.s3.send(new AbortMultipartUploadCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId }))));
    return results.filter((r) => r.status === 'fulfilled').length;
  }
}
