/**
 * Names a request: which service it is for and which operation, from the SDK's wire format
 * (X-Amz-Target for JSON protocols, Action= for query protocols, method + path + query for S3).
 */
import type { IncomingMessage } from 'node:http';
import type { Service } from './types.js';
import { header } from './http-util.js';

export interface Classified { service: Service; action: string; params: unknown }

/** The signing scope's service (…/us-east-1/s3/aws4_request), from the header or a presigned URL. */
function signingService(req: IncomingMessage, url: URL): string | undefined {
  const credential = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(header(req, 'authorization') ?? '');
  if (credential) return credential[1];
  return /^[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(url.searchParams.get('X-Amz-Credential') ?? '')?.[1];
}

export function isSageMaker(req: IncomingMessage): boolean {
  return (header(req, 'x-amz-target') ?? '').startsWith('SageMaker.');
}

/** S3 is path-style REST: signed for s3, or unsigned and neither JSON- nor query-protocol. */
export function isS3(req: IncomingMessage, url: URL): boolean {
  const scope = signingService(req, url);
  if (scope) return scope === 's3';
  const form = /x-www-form-urlencoded/.test(header(req, 'content-type') ?? '');
  return !header(req, 'x-amz-target') && !(form && req.method === 'POST');
}

/** JSON-protocol target (AmazonSQS.SendMessage) or query-protocol Action=…, with parsed params. */
export function classifyOther(req: IncomingMessage, url: URL, body: Buffer): Classified {
  const target = header(req, 'x-amz-target');
  const text = body.toString('utf8');
  if (target) return { service: 'other', action: target.slice(target.lastIndexOf('.') + 1), params: parseJson(text) };
  const form = new URLSearchParams(/x-www-form-urlencoded/.test(header(req, 'content-type') ?? '') ? text : url.search);
  return { service: 'other', action: form.get('Action') ?? `${req.method} ${url.pathname}`, params: Object.fromEntries(form) };
}

export function parseJson(text: string): unknown {
  try { return text ? JSON.parse(text) : {}; } catch { return { raw: text }; }
}

export function classifyS3(req: IncomingMessage, url: URL): Classified {
  const [bucket, ...rest] = url.pathname.slice(1).split('/');
  const key = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  const query = Object.fromEntries(url.searchParams);
  // The SDK names many operations itself (?x-id=PutObject); otherwise derive it as S3 does.
  const derived = bucket ? (key ? objectAction(req, url.searchParams) : bucketAction(req.method ?? 'GET', url.searchParams)) : 'ListBuckets';
  const action = url.searchParams.get('x-id') ?? derived;
  const metadata = Object.fromEntries(Object.entries(req.headers)
    .filter(([name]) => name.startsWith('x-amz-meta-'))
    .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]));
  const length = header(req, 'content-length');
  return {
    service: 's3',
    action,
    params: { Bucket: bucket ? decodeURIComponent(bucket) : undefined, Key: key, query, ContentLength: length === undefined ? undefined : Number(length), Metadata: metadata },
  };
}

function objectAction(req: IncomingMessage, q: URLSearchParams): string {
  const copy = header(req, 'x-amz-copy-source') !== undefined;
  switch (req.method) {
    case 'PUT':
      if (q.has('uploadId') && q.has('partNumber')) return copy ? 'UploadPartCopy' : 'UploadPart';
      if (q.has('tagging')) return 'PutObjectTagging';
      return copy ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (q.has('uploads')) return 'CreateMultipartUpload';
      return q.has('uploadId') ? 'CompleteMultipartUpload' : 'PostObject';
    case 'DELETE':
      return q.has('uploadId') ? 'AbortMultipartUpload' : q.has('tagging') ? 'DeleteObjectTagging' : 'DeleteObject';
    case 'HEAD':
      return 'HeadObject';
    default:
      return q.has('uploadId') ? 'ListParts' : q.has('tagging') ? 'GetObjectTagging' : 'GetObject';
  }
}

/** Bucket sub-resources we name; others read as e.g. GetBucketCors. */
const BUCKET_GETS: Record<string, string> = {
  location: 'GetBucketLocation', uploads: 'ListMultipartUploads', versions: 'ListObjectVersions',
  tagging: 'GetBucketTagging', versioning: 'GetBucketVersioning', policy: 'GetBucketPolicy',
};

function bucketAction(method: string, q: URLSearchParams): string {
  const sub = [...q.keys()].find((k) => !['list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'marker', 'encoding-type', 'fetch-owner', 'x-id'].includes(k));
  const Sub = sub ? sub[0]!.toUpperCase() + sub.slice(1) : '';
  switch (method) {
    case 'PUT': return sub ? `PutBucket${Sub}` : 'CreateBucket';
    case 'HEAD': return 'HeadBucket';
    case 'DELETE': return sub ? `DeleteBucket${Sub}` : 'DeleteBucket';
    case 'POST': return q.has('delete') ? 'DeleteObjects' : `PostBucket${Sub}`;
    default:
      if (sub) return BUCKET_GETS[sub] ?? `GetBucket${Sub}`;
      return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  }
}
