import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { copyFixtures, smpipe, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const work = copyFixtures();
const spec = join(work.dir, 'small.yaml');
const folder = join(work.dir, 'build', 'deploy-small');

before(async () => {
  emulator = await startDeployEmulator();
});
after(async () => {
  await emulator.stop();
  work.cleanup();
});

test('upsert SPEC writes the compiled folder first and registers exactly its definition.json', async () => {
  const run = await smpipe('upsert', [spec, '--out', folder]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /^compiled \S+small\.yaml to \S+\/build\/deploy-small\n/);
  const create = emulator.requests.find((r) => r.action === 'CreatePipeline')?.params as { PipelineDefinition: string };
  assert.equal(create.PipelineDefinition, readFileSync(join(folder, 'definition.json'), 'utf8'));
});

test('plan, start and executions take the folder; spec flags with a folder are a usage error', async () => {
  emulator.clearRequests();
  const plan = await smpipe('plan', [folder]);
  assert.equal(plan.code, 0, plan.err);
  assert.equal(plan.err, '', 'nothing compiled');
  const flags = await smpipe('plan', [folder, '--set', 'bucket=other']);
  assert.equal(flags.code, 1);
  assert.match(flags.err, /--set applies to a spec; \S+ is a compiled folder, deployed as it is/);
  const start = await smpipe('start', [folder, '--param', 'Rank=12']);
  assert.equal(start.code, 1);
  assert.match(start.err, /SMP9003: parameter Rank must be one of 8, 16, 32, got "12"/);
  assert.deepEqual(emulator.requests.map((r) => r.action), ['DescribePipeline', 'ListTags'], 'parameters checked from the manifest, no call');
  const executions = await smpipe('executions', [folder]);
  assert.equal(executions.code, 0, executions.err);
  const neither = await smpipe('upsert', ['deploy-small']);
  assert.equal(neither.code, 2);
  assert.match(neither.err, /deploy-small is neither a spec \(\.yaml\) nor a compiled folder/);
});

test('a folder edited after compile is refused (SMP9014) before any AWS request', async () => {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { assets: { file: string }[] };
  appendFileSync(join(folder, manifest.assets[0]?.file ?? ''), 'tampered');
  emulator.clearRequests();
  const run = await smpipe('upsert', [folder]);
  assert.equal(run.code, 1);
  assert.match(run.err, /^smpipe upsert: error SMP9014: \S+\/assets\/[0-9a-f]{64}\/sourcedir\.tar\.gz has \d+ bytes; the manifest says \d+: it changed after compile\n {2}hint: compile the spec again/);
  assert.equal(emulator.requests.length, 0);
  const notCompiled = await smpipe('upsert', [work.dir]);
  assert.equal(notCompiled.code, 1);
  assert.match(notCompiled.err, /error SMP9013: \S+ is not a compiled folder: it has no manifest\.json/);
});
