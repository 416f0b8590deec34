import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, ListPartsCommand, type MultipartUpload, type S3Client } from '@aws-sdk/client-s3';
import { callAws, type AwsCall } from './aws-call.js';
import { mapLimit } from './concurrency.js';

/**
 * Multipart uploads a killed upsert (kill -9, a lost laptop lid) left open: S3 keeps and bills
 * their parts until they are completed or aborted. Before an upsert uploads, it aborts those that
 * are smpipe's own and idle: listed under `<artifacts>/assets/` only (the rest of the prefix holds
 * the jobs' outputs, which SageMaker may be uploading right now), keys of the content-addressed
 * form `<artifacts>/assets/<sha256>/<name>` only, and only when neither the upload nor any of its
 * parts moved for `staleAfterMs`, so a concurrent upsert's upload in progress is left alone.
 */
export interface StaleUpload {
  /** s3://bucket/key */
  uri: string;
  key: string;
  uploadId: string;
  /** When the upload or its last part was last touched. */
  idleSince: Date;
}

export interface StaleOptions {
  staleAfterMs: number;
  now?: () => number;
}

/** An hour without a part finishing: far beyond any part upload in progress. */
export const DEFAULT_STALE_AFTER_MS = 60 * 60 * 1000;

const MAX_PAGES = 10;

export async function abortStaleUploads(s3: S3Client, region: string, artifacts: string, options: StaleOptions): Promise<StaleUpload[]> {
  const { bucket, prefix: root } = splitPrefix(artifacts);
  const prefix = `${root}assets/`;
  const call: AwsCall = { action: 's3:ListBucketMultipartUploads', resource: `s3://${bucket}/${prefix}`, region };
  const cutoff = (options.now ?? Date.now)() - options.staleAfterMs;
  const ours = ownKeyPattern(prefix);
  const candidates = (await listUploads(s3, bucket, prefix, call)).filter((u) => ours.test(u.Key ?? '') && (u.Initiated?.getTime() ?? 0) <= cutoff);
  const idle = await mapLimit(candidates, 4, async (u) => ({ uri: `s3://${bucket}/${u.Key}`, key: u.Key as string, uploadId: u.UploadId as string, idleSince: await lastActivity(s3, bucket, u, call) }));
  const stale = idle.filter((u) => u.idleSince.getTime() <= cutoff);
  await mapLimit(stale, 4, (u) =>
    callAws({ ...call, action: 's3:AbortMultipartUpload', resource: `s3://${bucket}/${u.key}` }, () =>
      s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }))));
  return stale;
}

/** `s3://bucket/a/b` → bucket and `a/b/`; `s3://bucket` → the whole bucket (prefix ''). */
export function splitPrefix(artifacts: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(artifacts);
  if (!match) throw new Error(`not an s3:// prefix: ${artifacts}`);
  const rest = (match[2] as string).replace(/\/+$/, '');
  return { bucket: match[1] as string, prefix: rest ? `${rest}/` : '' };
}

/** The asset keys smpipe writes under `assetsPrefix` (`…/assets/`), and only those. */
export function ownKeyPattern(assetsPrefix: string): RegExp {
  return new RegExp(`^${assetsPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9a-f]{64}/[^/]+$`);
}

async function listUploads(s3: S3Client, bucket: string, prefix: string, call: AwsCall): Promise<MultipartUpload[]> {
  const uploads: MultipartUpload[] = [];
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const out = await callAws(call, () => s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, ...markers })));
    uploads.push(...(out.Uploads ?? []));
    if (!out.IsTruncated) break;
    markers = { KeyMarker: out.NextKeyMarker, UploadIdMarker: out.NextUploadIdMarker };
  }
  return uploads;
}

/** The newest of the upload's start and its parts' LastModified (every page of ListParts). */
async function lastActivity(s3: S3Client, bucket: string, upload: MultipartUpload, call: AwsCall): Promise<Date> {
  let latest = upload.Initiated?.getTime() ?? 0;
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const out = await callAws({ ...call, action: 's3:ListMultipartUploadParts' }, () =>
      s3.send(new ListPartsCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId, ...(marker ? { PartNumberMarker: marker } : {}) })));
    for (const part of out.Parts ?? []) latest = Math.max(latest, part.LastModified?.getTime() ?? 0);
    if (!out.IsTruncated) break;
    marker = out.NextPartNumberMarker;
  }
  return new Date(latest);
}
