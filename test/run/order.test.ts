/** Step order: DependsOn waits, ParallelismConfiguration (the manifest's parallelism) caps what runs at once. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, options, runFolder, tempDir } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';

function overlap(run: RunRecord, a: string, b: string): boolean {
  const [x, y] = [run.steps[a], run.steps[b]];
  return Date.parse(x?.startedAt ?? '') < Date.parse(y?.endedAt ?? '') && Date.parse(y?.startedAt ?? '') < Date.parse(x?.endedAt ?? '');
}

test('parallelism 1 runs one step at a time; without it independent steps overlap; dependsOn waits for both', async () => {
  const folder = compileTo('test/run/fixtures/parallel.yaml');
  const serial = await runFolder(folder, options(tempDir()));
  assert.equal(serial.run.status, 'Succeeded');
  assert.equal(overlap(serial.run, 'A', 'B'), false);
  const manifestFile = join(folder, 'manifest.json');
  writeFileSync(manifestFile, readFileSync(manifestFile, 'utf8').replace('"parallelism": 1', '"parallelism": null'));
  const parallel = await runFolder(folder, options(tempDir()));
  assert.equal(overlap(parallel.run, 'A', 'B'), true);
  for (const run of [serial.run, parallel.run]) {
    const last = Date.parse(run.steps.Last?.startedAt ?? '');
    assert.ok(last >= Date.parse(run.steps.A?.endedAt ?? '') && last >= Date.parse(run.steps.B?.endedAt ?? ''), 'Last starts after A and B end');
  }
});
