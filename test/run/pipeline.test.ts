/**
 * The tabular example through the real CLI, one local folder for the whole story: a run that
 * registers the model; a second that is all cache hits; a changed hyperparameter that misses the
 * cache for Train (a key attribute) but not Prepare; a stricter gate that takes the else branch and
 * ends in the Fail step (exit 1, its message); --from Evaluate reusing the rest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, PYTHON, smpipe, tempDir, type CliRun } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';
import type { CacheEntry } from '../../src/run/cache.js';

const folder = compileTo('pipeline-specs/tabular-churn.yaml');

function latestRun(localDir: string, stdout: string): RunRecord {
  const id = /^run ([a-z0-9]{12}) of/m.exec(stdout)?.[1];
  assert.ok(id, `a run id in:\n${stdout}`);
  return JSON.parse(readFileSync(join(localDir, 'runs', id, 'run.json'), 'utf8')) as RunRecord;
}

describe('tabular-churn end to end', () => {
  const localDir = tempDir();
  const run = (...args: string[]): Promise<CliRun> => smpipe(['run', folder, '--python', PYTHON, '--local-dir', localDir, ...args]);
  let first: RunRecord;
  let firstCli: CliRun;
  before(async () => {
    firstCli = await run();
    assert.equal(firstCli.status, 0, firstCli.stderr);
    first = latestRun(localDir, firstCli.stdout);
  });

  test('runs every step, takes the then branch, registers version 1, logs each step', () => {
    assert.equal(first.status, 'Succeeded');
    assert.deepEqual(Object.fromEntries(Object.values(first.steps).map((s) => [s.name, s.status])), {
      Prepare: 'Succeeded', Train: 'Succeeded', Evaluate: 'Succeeded', AccuracyGate: 'Succeeded', Register: 'Succeeded', TooInaccurate: 'Skipped',
    });
    assert.equal(first.steps.AccuracyGate?.outcome, true);
    assert.match(firstCli.stdout, /0\.7\d+ >= 0\.7 → true/);
    assert.match(String(first.steps.Register?.properties?.ModelPackageArn), /model-package\/customer-churn\/1$/);
    for (const step of ['Prepare', 'Train', 'Evaluate']) assert.ok(existsSync(join(localDir, 'runs', first.id, step, 'log.txt')), step);
    assert.match(readFileSync(join(localDir, 'runs', first.id, 'Train', 'log.txt'), 'utf8'), /train_accuracy=/);
    assert.match(firstCli.stderr, /^\d\d:\d\d:\d\d Prepare Executing/m, 'one line per change when not on a terminal');
  });

  test('the same run again: every job step is a cache hit from the first run', async () => {
    const cli = await run();
    assert.equal(cli.status, 0, cli.stderr);
    const again = latestRun(localDir, cli.stdout);
    for (const step of ['Prepare', 'Train', 'Evaluate']) assert.equal(again.steps[step]?.cacheHit, first.id, step);
    assert.match(cli.stdout, /Train Succeeded [0-9.]+s: cache hit \(run /);
    assert.match(String(again.steps.Register?.properties?.ModelPackageArn), /customer-churn\/2$/, 'register-model has no cache: a new version');
  });

  test('a changed hyperparameter misses the cache for Train, not for Prepare', async () => {
    const cli = await run('--param', 'Epochs=50');
    assert.equal(cli.status, 0, cli.stderr);
    const changed = latestRun(localDir, cli.stdout);
    assert.equal(changed.steps.Prepare?.cacheHit, first.id);
    assert.equal(changed.steps.Train?.cacheHit, undefined);
    assert.equal(changed.steps.Evaluate?.cacheHit, undefined, 'its model input is the new job\'s');
  });

  test('a stricter gate takes the else branch: the Fail step ends the run with its message, exit 1, no cache entry', async () => {
    const cli = await run('--param', 'MinAccuracy=0.99');
    assert.equal(cli.status, 1, cli.stderr);
    const failed = latestRun(localDir, cli.stdout);
    assert.equal(failed.status, 'Failed');
    assert.equal(failed.steps.AccuracyGate?.outcome, false);
    assert.equal(failed.steps.Register?.status, 'Skipped');
    assert.equal(failed.steps.TooInaccurate?.status, 'Failed');
    assert.match(String(failed.failureReason), /^Held-out accuracy 0\.7\d+ is below the gate 0\.99$/);
    assert.match(cli.stdout, /Failed in .* — Held-out accuracy/);
    const cache = JSON.parse(readFileSync(join(localDir, 'cache', 'tabular-churn.json'), 'utf8')) as CacheEntry[];
    assert.ok(!cache.some((e) => e.runId === failed.id), 'a failed run teaches the cache nothing');
  });

  test('--from Evaluate reruns Evaluate and what follows; Prepare and Train come from the latest run', async () => {
    const cli = await run('--from', 'Evaluate');
    assert.equal(cli.status, 0, cli.stderr);
    const resumed = latestRun(localDir, cli.stdout);
    const previous = JSON.parse(readFileSync(join(localDir, 'runs', resumed.steps.Prepare?.reusedFrom ?? '', 'run.json'), 'utf8')) as RunRecord;
    assert.equal(previous.status, 'Failed', 'the latest run was the failed one');
    assert.equal(resumed.steps.Train?.reusedFrom, previous.id);
    assert.equal(resumed.steps.Evaluate?.reusedFrom, undefined);
    assert.equal(resumed.steps.Evaluate?.status, 'Succeeded');
    assert.equal(resumed.steps.Register?.status, 'Succeeded');
  });
});
