/**
 * Inputs that are not on this machine: fetched from AWS S3 into the local S3 only when AWS
 * credentials exist (the SDK's default chain: environment, profiles, SSO, container and
 * instance roles); otherwise the run stops with the URI and the step that needs it.
 * Every request has a timeout; the SDK is loaded only when something must be fetched.
 */
import { mkdirSync, createWriteStream, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { RunError } from './errors.js';
import { parseS3, type LocalS3 } from './local-s3.js';

const REQUEST_TIMEOUT_MS = 60_000;
const CREDENTIALS_TIMEOUT_MS = 10_000;

type S3 = import('@aws-sdk/client-s3').S3Client;

async function client(): Promise<S3 | undefined> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Client } = await import('@aws-sdk/client-s3');
  const forcePathStyle = Boolean(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
  const s3 = new S3Client({ forcePathStyle, requestHandler: { connectionTimeout: 10_000, requestTimeout: REQUEST_TIMEOUT_MS }, region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' });
  try {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CREDENTIALS_TIMEOUT_MS).unref());
    const credentials = await Promise.race([s3.config.credentials(), timeout]);
    return credentials?.accessKeyId ? s3 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the SDK's default chain finds credentials (checked only when something is not local). */
export async function hasCredentials(): Promise<boolean> {
  const remote = await client();
  remote?.destroy();
  return remote !== undefined;
}

/**
 * Makes sure the local S3 holds what `uri` names, fetching it from AWS when it does not.
 * `step` and `field` say who needs it, for the error.
 */
export async function ensureLocal(s3: LocalS3, uri: string, step: string, field: string): Promise<void> {
  if (s3.has(uri)) return;
  const parsed = parseS3(uri);
  if (!parsed) throw new RunError('SMP9503', `step ${step}: ${field} ${uri} is not an S3 URI`);
  const remote = await client();
  if (!remote) {
    throw new RunError('SMP9503', `step ${step}: ${field} ${uri} is not on this machine (${s3.pathOf(uri)}) and no AWS credentials were found to fetch it`, {
      step,
      hint: 'produce it with an earlier step, copy it there, or configure AWS credentials (AWS_PROFILE, environment variables, SSO)',
    });
  }
  try {
    const count = await fetchPrefix(remote, s3, parsed.bucket, parsed.key);
    if (count === 0) throw new RunError('SMP9510', `step ${step}: ${field}: no S3 objects found under ${uri}`, { step });
  } catch (error) {
    if (error instanceof RunError) throw error;
    throw new RunError('SMP9510', `step ${step}: cannot fetch ${uri}: ${(error as Error).name}: ${(error as Error).message}`, { step });
  } finally {
    remote.destroy();
  }
}

async function fetchPrefix(remote: S3, s3: LocalS3, bucket: string, prefix: string): Promise<number> {
  const { ListObjectsV2Command, GetObjectCommand } = await import('@aws-sdk/client-s3');
  let count = 0;
  let token: string | undefined;
  do {
    const page = await remote.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.endsWith('/')) continue;
      const response = await remote.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      const dest = s3.pathOf(`s3://${bucket}/${object.Key}`);
      mkdirSync(dirname(dest), { recursive: true });
      await pipeline(response.Body as Readable, createWriteStream(`${dest}.tmp-${process.pid}`));
      renameSync(`${dest}.tmp-${process.pid}`, dest);
      count += 1;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return count;
}
