import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { DEFAULT_STORE, putFile } from '../../src/deploy/object-store.js';
import type { DeployError } from '../../src/deploy/errors.js';
import { clients } from '../emulator/test-helpers.js';
import { BUCKET, copyFixtures, smpipe, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const work = copyFixtures();
const spec = join(work.dir, 'small.yaml');

before(async () => {
  emulator = await startDeployEmulator();
});
afterEach(() => emulator.clearFaults());
after(async () => {
  await emulator.stop();
  work.cleanup();
});

async function deployedDefinition(): Promise<string> {
  const response = await fetch(emulator.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.DescribePipeline' },
    body: JSON.stringify({ PipelineName: 'deploy-small' }),
  });
  return String(((await response.json()) as { PipelineDefinition?: string }).PipelineDefinition);
}

test('throttling and 500s are retried by the SDK: the upsert succeeds', async () => {
  emulator.injectFault({ action: 'DescribePipeline', kind: 'throttle', times: 1 });
  emulator.injectFault({ action: 'PutObject', kind: 'error500', times: 2 });
  emulator.injectFault({ action: 'CreatePipeline', kind: 'throttle', times: 1 });
  const run = await smpipe('upsert', [spec]);
  assert.equal(run.code, 0, run.err);
  assert.equal(emulator.count('DescribePipeline'), 2);
  assert.equal(emulator.count('CreatePipeline'), 2, 'the retried create carries the same ClientRequestToken');
  const tokens = new Set(emulator.requests.filter((r) => r.action === 'CreatePipeline').map((r) => (r.params as { ClientRequestToken: string }).ClientRequestToken));
  assert.equal(tokens.size, 1);
});

test('throttling that outlasts every retry (AWS_MAX_ATTEMPTS=3 honoured): SMP9007 naming the call, exit 1', async () => {
  emulator.clearRequests();
  emulator.injectFault({ action: 'DescribePipeline', kind: 'throttle', times: 50 });
  process.env.AWS_MAX_ATTEMPTS = '3';
  const run = await smpipe('plan', [spec]).finally(() => delete process.env.AWS_MAX_ATTEMPTS);
  assert.equal(run.code, 1);
  assert.match(run.err, /^compiled \S+ to \S+\nsmpipe plan: error SMP9007: AWS throttled sagemaker:DescribePipeline on pipeline deploy-small after 3 attempts\n {2}hint: /);
  assert.equal(emulator.count('DescribePipeline'), 3);
  assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
});

test('an upload killed half way leaves the deployed pipeline unchanged; the next upsert completes it', async () => {
  const before = await deployedDefinition();
  appendFileSync(join(work.dir, 'code/train/train.py'), 'print("v2")\n');
  emulator.clearRequests();
  emulator.injectFault({ action: 'PutObject', kind: 'drop', times: 50 });
  const failed = await smpipe('upsert', [spec, '--no-preflight']);
  assert.equal(failed.code, 1);
  assert.match(failed.err, /^compiled \S+ to \S+\nsmpipe upsert: error SMP9011: s3:PutObject on s3:\/\/deploy-test-bucket\/smpipe\/deploy-small\/assets\/[0-9a-f]{64}\/sourcedir\.tar\.gz failed: connection lost/);
  assert.equal(emulator.count('UpdatePipeline'), 0);
  assert.equal(await deployedDefinition(), before, 'pipeline untouched');
  emulator.clearFaults();
  emulator.clearRequests();
  const retried = await smpipe('upsert', [spec]);
  assert.equal(retried.code, 0, retried.err);
  assert.deepEqual([emulator.count('PutObject'), emulator.count('UpdatePipeline')], [1, 1]);
  assert.notEqual(await deployedDefinition(), before);
});

test('a multipart upload cut off is aborted (no parts left behind), and completed by the next upsert', async () => {
  mkdirSync(join(work.dir, 'data'), { recursive: true });
  writeFileSync(join(work.dir, 'data/big.bin'), randomBytes(17 * 1024 * 1024));
  writeFileSync(spec, readFileSync(spec, 'utf8').replace('    outputs:\n      data: {}\n', '    inputs:\n      big: { file: data/big.bin }\n    outputs:\n      data: {}\n'));
  const before = await deployedDefinition();
  emulator.clearRequests();
  emulator.injectFault({ action: 'UploadPart', kind: 'drop', times: 50 });
  const failed = await smpipe('upsert', [spec, '--no-preflight']);
  assert.equal(failed.code, 1);
  assert.match(failed.err, /error SMP9011: s3:PutObject \(UploadPart\) on s3:\/\/.*\/big\.bin failed: connection lost/);
  assert.deepEqual([emulator.count('AbortMultipartUpload'), emulator.count('CompleteMultipartUpload'), emulator.count('UpdatePipeline')], [1, 0, 0]);
  assert.equal(await deployedDefinition(), before);
  emulator.clearFaults();
  const retried = await smpipe('upsert', [spec]);
  assert.equal(retried.code, 0, retried.err);
  assert.equal(emulator.count('CompleteMultipartUpload'), 1);
});

test('a PutObject that never answers: each try is cut after --request-timeout, SMP9016 after the last, pipeline untouched', async () => {
  appendFileSync(join(work.dir, 'code/train/train.py'), 'print("v3")\n');
  emulator.clearRequests();
  emulator.injectFault({ action: 'PutObject', kind: 'slow', delayMs: 3000, times: Infinity });
  process.env.AWS_MAX_ATTEMPTS = '2';
  const run = await smpipe('upsert', [spec, '--request-timeout', '0.2']).finally(() => delete process.env.AWS_MAX_ATTEMPTS);
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, /\nsmpipe upsert: error SMP9016: s3:PutObject on s3:\/\/deploy-test-bucket\/\S+\/sourcedir\.tar\.gz: AWS did not answer in time \(2 attempts\): .*inactivity.*\n {2}hint: .*--request-timeout/);
  assert.deepEqual([emulator.count('PutObject'), emulator.count('UpdatePipeline')], [2, 0]);
});

test('SMPIPE_REQUEST_TIMEOUT bounds the SageMaker calls too: a DescribePipeline that never answers', async () => {
  emulator.clearRequests();
  emulator.injectFault({ action: 'DescribePipeline', kind: 'slow', delayMs: 3000, times: Infinity });
  Object.assign(process.env, { AWS_MAX_ATTEMPTS: '2', SMPIPE_REQUEST_TIMEOUT: '0.2' });
  const run = await smpipe('plan', [spec]).finally(() => {
    delete process.env.AWS_MAX_ATTEMPTS;
    delete process.env.SMPIPE_REQUEST_TIMEOUT;
  });
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, /error SMP9016: sagemaker:DescribePipeline on pipeline deploy-small: AWS did not answer in time \(2 attempts\)/);
  assert.equal(emulator.count('DescribePipeline'), 2);
});

test('bytes that no longer hash to their content address are never stored under it (SMP9014): PutObject and multipart', async () => {
  const { s3 } = clients(emulator);
  const path = join(work.dir, 'data/changed.bin');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, randomBytes(11 * 1024 * 1024));
  const wrong = { path, sha256: 'f'.repeat(64), size: 11 * 1024 * 1024, s3Uri: `s3://${BUCKET}/smpipe/deploy-small/assets/${'f'.repeat(64)}/changed.bin` };
  emulator.clearRequests();
  const single = { ...DEFAULT_STORE, multipartThreshold: 64 * 1024 * 1024 };
  await assert.rejects(putFile(s3, wrong, emulator.region, single), (e: DeployError) => e.code === 'SMP9014' && e.message.includes('changed.bin changed while it was being uploaded'));
  assert.equal(emulator.count('PutObject'), 0);
  const parts = { multipartThreshold: 1, multipart: { partSize: 5 * 1024 * 1024, concurrency: 2 } };
  await assert.rejects(putFile(s3, wrong, emulator.region, parts), (e: DeployError) => e.code === 'SMP9014');
  assert.deepEqual(['UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload'].map((a) => emulator.count(a)), [3, 0, 1]);
  s3.destroy();
});
