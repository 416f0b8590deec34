import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { copyFixtures, smpipe, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const work = copyFixtures();

before(async () => {
  emulator = await startDeployEmulator();
});
after(async () => {
  await emulator.stop();
  work.cleanup();
});

/** A real over-limit definition: twenty fail steps with 60 000-character messages (~1.2 MB). */
function bigSpec(): string {
  const fails = Array.from({ length: 20 }, (_, i) => `  Fail${i}:\n    kind: fail\n    message: "${String(i).repeat(60_000).slice(0, 60_000)}"\n    dependsOn: [Prepare]\n`);
  const text = `pipeline: deploy-big
artifacts: s3://deploy-test-bucket/smpipe/deploy-big
defaults: { role: "arn:aws:iam::111122223333:role/Pipeline" }
steps:
  Prepare:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/tools:1.0
    instance: { type: ml.m5.xlarge }
    code: code/prep
    entry: prep.py
${fails.join('')}`;
  const path = join(work.dir, 'big.yaml');
  writeFileSync(path, text);
  return path;
}

test('a definition over 1 MiB goes to S3 (content-addressed) and CreatePipeline gets PipelineDefinitionS3Location', async () => {
  const spec = bigSpec();
  const plan = await smpipe('plan', [spec]);
  assert.equal(plan.code, 2, plan.err);
  assert.match(plan.out, /\nDefinition: 1\.1 MiB, over the inline limit: sent as s3:\/\/deploy-test-bucket\/smpipe\/deploy-big\/definitions\/[0-9a-f]{64}\/definition\.json\n/);
  const run = await smpipe('upsert', [spec]);
  assert.equal(run.code, 0, run.err);
  const create = emulator.requests.find((r) => r.action === 'CreatePipeline')?.params as Record<string, unknown>;
  assert.equal(create.PipelineDefinition, undefined);
  assert.match(String((create.PipelineDefinitionS3Location as { ObjectKey: string }).ObjectKey), /^smpipe\/deploy-big\/definitions\/[0-9a-f]{64}\/definition\.json$/);
  emulator.clearRequests();
  const again = await smpipe('upsert', [spec]);
  assert.equal(again.code, 0, again.err);
  assert.equal(emulator.count('UpdatePipeline') + emulator.count('PutObject'), 0, 'a deployed over-limit definition compares equal');
});

test('large files go up in parts with a progress line, and are skipped once there', async () => {
  mkdirSync(join(work.dir, 'data'), { recursive: true });
  writeFileSync(join(work.dir, 'data/big.bin'), randomBytes(17 * 1024 * 1024));
  const spec = join(work.dir, 'multipart.yaml');
  writeFileSync(spec, `pipeline: deploy-multipart
artifacts: s3://deploy-test-bucket/smpipe/deploy-multipart
defaults: { role: "arn:aws:iam::111122223333:role/Pipeline" }
steps:
  Prepare:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/tools:1.0
    instance: { type: ml.m5.xlarge }
    code: code/prep
    entry: prep.py
    inputs:
      big: { file: data/big.bin }
`);
  emulator.clearRequests();
  const run = await smpipe('upsert', [spec]);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload'].map((a) => emulator.count(a)), [1, 3, 1]);
  assert.match(run.err, /uploading s3:\/\/deploy-test-bucket\/smpipe\/deploy-multipart\/assets\/[0-9a-f]{64}\/big\.bin \(17\.0 MiB\)…\n/);
  emulator.clearRequests();
  assert.equal((await smpipe('upsert', [spec])).code, 0);
  assert.equal(emulator.count('CreateMultipartUpload') + emulator.count('PutObject'), 0, 'the multipart object carries its sha256 too');
});
