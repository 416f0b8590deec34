import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { clients } from '../emulator/test-helpers.js';
import { BUCKET, buildDir, copyFixtures, requestCounts, smpipe, SMALL, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const copy = copyFixtures();
const copied = join(copy.dir, 'small.yaml');

before(async () => {
  emulator = await startDeployEmulator();
});
after(async () => {
  await emulator.stop();
  copy.cleanup();
});

const WRITES = ['PutObject', 'CreateMultipartUpload', 'CreatePipeline', 'UpdatePipeline', 'AddTags', 'DeleteTags'];

function writes(): Record<string, number> {
  return Object.fromEntries(WRITES.map((a) => [a, emulator.count(a)]).filter(([, n]) => n));
}

test('create: every asset uploaded, then CreatePipeline with tags and a content-derived token', async () => {
  const run = await smpipe('upsert', [SMALL]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^created pipeline deploy-small\n {2}arn: {5}arn:aws:sagemaker:us-east-1:111122223333:pipeline\/deploy-small\n {2}console: https:\/\/us-east-1\.console\.aws\.amazon\.com\/sagemaker\/home\?region=us-east-1#\/pipelines\/deploy-small\n/);
  assert.deepEqual(writes(), { PutObject: 3, CreatePipeline: 1 });
  const order = emulator.requests.map((r) => r.action);
  assert.ok(order.lastIndexOf('PutObject') < order.indexOf('CreatePipeline'), 'all uploads before the pipeline is touched');
  const create = emulator.requests.find((r) => r.action === 'CreatePipeline')?.params as Record<string, unknown>;
  assert.deepEqual(create.Tags, [{ Key: 'project', Value: 'deploy-small' }, { Key: 'owner', Value: 'ml-platform' }]);
  assert.match(String(create.ClientRequestToken), /^[0-9a-f]{64}$/);
  const put = emulator.requests.find((r) => r.action === 'PutObject')?.params as { Metadata: Record<string, string>; Key: string };
  assert.equal(put.Metadata.sha256, /assets\/([0-9a-f]{64})\//.exec(put.Key)?.[1], 'sha256 stored as x-amz-meta-sha256');
});

test('no-op re-upsert: two requests, DescribePipeline then ListTags; no HeadObject, no write', async (t) => {
  emulator.clearRequests();
  const run = await smpipe('upsert', [SMALL]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^unchanged pipeline deploy-small\n/);
  assert.deepEqual(writes(), {});
  const counts = requestCounts(emulator);
  assert.deepEqual(counts, { DescribePipeline: 1, ListTags: 1 });
  assert.deepEqual(emulator.requests.map((r) => r.action), ['DescribePipeline', 'ListTags']);
  t.diagnostic(`no-op upsert requests: ${JSON.stringify(counts)}`);
  record('no-op upsert (test/deploy/fixtures/small.yaml)', counts);
});

test('the compiled folder alone deploys the same pipeline: unchanged, two requests', async () => {
  emulator.clearRequests();
  const run = await smpipe('upsert', [buildDir(SMALL)]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^unchanged pipeline deploy-small\n/);
  assert.deepEqual(requestCounts(emulator), { DescribePipeline: 1, ListTags: 1 });
});

test('--verify-assets HEADs every asset and re-uploads one deleted outside smpipe', async () => {
  const manifest = JSON.parse(readFileSync(join(buildDir(SMALL), 'manifest.json'), 'utf8')) as { assets: { s3Uri: string }[] };
  const victim = manifest.assets[0]?.s3Uri.replace('s3://', '') ?? '';
  const { s3 } = clients(emulator);
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: victim.slice(BUCKET.length + 1) }));
  s3.destroy();
  emulator.clearRequests();
  const trusting = await smpipe('plan', [SMALL]);
  assert.equal(trusting.code, 0, 'without --verify-assets the deployed definition is trusted');
  const plan = await smpipe('plan', [SMALL, '--verify-assets']);
  assert.equal(plan.code, 2, plan.err);
  assert.match(plan.out, new RegExp(`\\+ s3://${victim.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
  emulator.clearRequests();
  const run = await smpipe('upsert', [SMALL, '--verify-assets']);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(writes(), { PutObject: 1 });
  assert.equal(emulator.count('HeadObject'), 3);
});

test('one changed code folder: exactly one upload and one UpdatePipeline', async (t) => {
  appendFileSync(join(copy.dir, 'code/train/train.py'), 'print("changed")\n');
  emulator.clearRequests();
  const run = await smpipe('upsert', [copied]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^updated pipeline deploy-small \(changed Train\)\n/);
  assert.deepEqual(writes(), { PutObject: 1, UpdatePipeline: 1 });
  const counts = requestCounts(emulator);
  t.diagnostic(`one-change upsert requests: ${JSON.stringify(counts)}`);
  record('one changed code folder', counts);
  emulator.clearRequests();
  assert.equal((await smpipe('plan', [copied])).code, 0, 'converged');
});

test('tags converge: AddTags for new and changed values, DeleteTags for dropped keys, no UpdatePipeline', async () => {
  const text = readFileSync(copied, 'utf8').replace('  project: deploy-small\n  owner: ml-platform\n', '  owner: ml-research\n  team: alignment\n');
  writeFileSync(copied, text);
  emulator.clearRequests();
  const run = await smpipe('upsert', [copied]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^unchanged pipeline deploy-small, tags updated\n/);
  assert.deepEqual(writes(), { AddTags: 1, DeleteTags: 1 });
  const add = emulator.requests.find((r) => r.action === 'AddTags')?.params as { Tags: unknown };
  const del = emulator.requests.find((r) => r.action === 'DeleteTags')?.params as { TagKeys: unknown };
  assert.deepEqual([add.Tags, del.TagKeys], [[{ Key: 'owner', Value: 'ml-research' }, { Key: 'team', Value: 'alignment' }], ['project']]);
  assert.equal((await smpipe('plan', [copied])).code, 0, 'converged');
});

test('a settings-only change (description) is one UpdatePipeline and no upload', async () => {
  writeFileSync(copied, readFileSync(copied, 'utf8').replace("description: The deploy tests' pipeline.", 'description: Edited.'));
  emulator.clearRequests();
  const run = await smpipe('upsert', [copied]);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(writes(), { UpdatePipeline: 1 });
  const update = emulator.requests.find((r) => r.action === 'UpdatePipeline')?.params as Record<string, unknown>;
  assert.equal(update.PipelineDescription, 'Edited.');
});

/** Request counts for the closing report (written when SMPIPE_RECORD_COUNTS names a file). */
function record(what: string, counts: Record<string, number>): void {
  const file = process.env.SMPIPE_RECORD_COUNTS;
  if (file) appendFileSync(file, `${what}: ${JSON.stringify(counts)}\n`);
}

test('a spec without a role is refused before anything is written (SMP9010)', async () => {
  const noRole = join(copy.dir, 'no-role.yaml');
  // Compiles (a fail step needs no role) but cannot be created: CreatePipeline needs RoleArn.
  writeFileSync(noRole, 'pipeline: deploy-no-role\nsteps:\n  Stop: { kind: fail, message: stop }\n');
  emulator.clearRequests();
  const run = await smpipe('upsert', [noRole]);
  assert.equal(run.code, 1, run.out);
  assert.match(run.err, /error SMP9010: pipeline deploy-no-role has no role/);
  assert.deepEqual(writes(), {});
});
