/** One emulator shared by the suites of emulator.test.ts, and the real SDK clients pointed at it. */
import assert from 'node:assert/strict';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from '../index.js';

export interface Harness { emulator: Emulator; sagemaker: SageMakerClient; s3: S3Client }

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export function connect(emulator: Emulator): Harness {
  const common = { endpoint: emulator.endpoint, region: emulator.region, credentials };
  return { emulator, sagemaker: new SageMakerClient(common), s3: new S3Client({ ...common, forcePathStyle: true }) };
}

export type AwsError = Error & { $metadata?: { httpStatusCode?: number; attempts?: number } };

/** The error a call rejects with; fails the test when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<AwsError> {
  try { await promise; } catch (error) { return error as AwsError; }
  assert.fail('expected the call to fail');
}

/** Polls until check() holds. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
