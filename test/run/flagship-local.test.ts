/**
 * `make run-local`'s flagship half: pipeline-specs/llama3-dpo.yaml end to end on this machine's CPU,
 * with a tiny Llama built on the fly (scripts/build-tiny-llama.py: no download, no secret) and
 * simulated labelers, through the quality gate. Which branch the gate takes depends on what a few
 * DPO steps teach the tiny model; either way the run must get through it, and the branch it takes
 * must complete as the spec says.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, PYTHON, ROOT, smpipe, tempDir } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';

test('the flagship runs locally through the quality gate', { timeout: 45 * 60_000 }, async () => {
  const model = join(tempDir('smpipe-tiny-llama-'), 'model');
  execFileSync(PYTHON, [join(ROOT, 'scripts/build-tiny-llama.py'), model], { stdio: 'ignore', env: { ...process.env, HF_HUB_OFFLINE: '1' } });
  const folder = compileTo('pipeline-specs/llama3-dpo.yaml', [`baseModelId=${model}`], 'pipeline-specs/vars/local.yaml');
  const localDir = tempDir();
  const result = await smpipe(['run', folder, '--python', PYTHON, '--local-dir', localDir, '--simulate-labels'], { env: { HF_HUB_OFFLINE: '1' }, timeoutMs: 44 * 60_000 });
  const id = /^run ([a-z0-9]{12}) of/m.exec(result.stdout)?.[1] ?? '';
  const run = JSON.parse(readFileSync(join(localDir, 'runs', id, 'run.json'), 'utf8')) as RunRecord;
  const status = (name: string) => run.steps[name]?.status;
  for (const step of ['GenerateResponses', 'CollectPreferences', 'BuildPreferences', 'TrainDPO', 'Evaluate', 'QualityGate']) assert.equal(status(step), 'Succeeded', `${step}: ${run.steps[step]?.failureReason}\n${result.stdout}`);
  const outcome = run.steps.QualityGate?.outcome;
  if (outcome) {
    assert.equal(result.status, 0, result.stdout);
    for (const step of ['RegisterModel', 'CreateModel', 'EndpointConfig', 'Deploy']) assert.equal(status(step), 'Succeeded', `${step}: ${run.steps[step]?.failureReason}`);
    const registry = JSON.parse(readFileSync(join(localDir, 'registry.json'), 'utf8')) as { endpoints: Record<string, unknown> };
    assert.ok('llama3-dpo-example-bank' in registry.endpoints);
  } else {
    assert.equal(result.status, 1, result.stdout);
    assert.equal(status('TooWeak'), 'Failed');
    assert.match(String(run.failureReason), /^Preference accuracy [0-9.]+ is below the gate 0\.6$/);
  }
});
