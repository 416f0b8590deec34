/**
 * What stops `smpipe run` before (or instead of) running steps: each runner code, its exit status,
 * and, for a definition problem, its position in definition.json. Assertions are on codes,
 * positions and what was (not) written, not on wording.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, editDefinition, NO_AWS, PYTHON, smpipe, tempDir, type CliRun } from './harness.js';

const DIAGNOSTIC = /^(.+definition\.json):(\d+):(\d+): error (SMP\d{4}): /m;

/** A hand-edited definition: changed, with manifest.json's sha256 updated to match. */
function lineOf(folder: string, needle: string): number {
  return readFileSync(join(folder, 'definition.json'), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function run(folder: string, localDir: string, ...args: string[]): Promise<CliRun> {
  return smpipe(['run', folder, '--python', PYTHON, '--local-dir', localDir, ...args], { env: NO_AWS });
}

function assertStoppedBeforeRunning(result: CliRun, localDir: string, code: string, status = 1): RegExpExecArray | null {
  assert.equal(result.status, status, result.stderr);
  assert.match(result.stderr, new RegExp(`error ${code}: `));
  assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+/m, 'no stack trace');
  assert.ok(!existsSync(join(localDir, 'runs')), 'no run was started');
  return DIAGNOSTIC.exec(result.stderr);
}

describe('definition problems are reported at their definition.json position, nothing runs', () => {
  test('SMP9501: a property path the runner cannot resolve, and an unknown parameter', async () => {
    const folder = editDefinition(compileTo('pipeline-specs/tabular-churn.yaml'), (t) =>
      t.replace("Outputs['test'].S3Output.S3Uri", "Outputs['nope'].S3Output.S3Uri").replace('"Get": "Parameters.MinAccuracy"', '"Get": "Parameters.Nope"'));
    const localDir = tempDir();
    const result = await run(folder, localDir);
    const first = assertStoppedBeforeRunning(result, localDir, 'SMP9501');
    assert.equal(Number(first?.[2]), lineOf(folder, "Outputs['nope']"));
    assert.match(result.stderr, /SMP9501: step AccuracyGate: cannot resolve Parameters\.Nope/);
  });

  test('SMP9502: a step type the runner cannot execute, at its Type', async () => {
    const folder = editDefinition(compileTo('pipeline-specs/tabular-churn.yaml'), (t) => t.replace('"Type": "RegisterModel"', '"Type": "BedrockModelImport"'));
    const localDir = tempDir();
    const first = assertStoppedBeforeRunning(await run(folder, localDir), localDir, 'SMP9502');
    assert.equal(Number(first?.[2]), lineOf(folder, '"Type": "BedrockModelImport"'));
  });

  test('SMP9503: a literal input that is not on this machine, without AWS credentials', async () => {
    const folder = editDefinition(compileTo('pipeline-specs/tabular-churn.yaml'), (t) => t.replace(/"S3Uri": "s3:\/\/[^"]*customers\.csv"/, '"S3Uri": "s3://someone-elses-bucket/raw/customers.csv"'));
    const localDir = tempDir();
    const first = assertStoppedBeforeRunning(await run(folder, localDir), localDir, 'SMP9503');
    assert.equal(Number(first?.[2]), lineOf(folder, 'someone-elses-bucket'));
  });

  test('SMP9014 / SMP9013 (the shared folder reader): a definition changed after it was compiled, or a folder without manifest.json', async () => {
    const folder = compileTo('pipeline-specs/tabular-churn.yaml');
    writeFileSync(join(folder, 'definition.json'), readFileSync(join(folder, 'definition.json'), 'utf8').replace('"P7D"', '"P1D"'));
    const localDir = tempDir();
    assertStoppedBeforeRunning(await run(folder, localDir), localDir, 'SMP9014');
    const bare = compileTo('pipeline-specs/tabular-churn.yaml');
    rmSync(join(bare, 'manifest.json'));
    assertStoppedBeforeRunning(await run(bare, localDir), localDir, 'SMP9013');
  });
});

describe('steps without a local answer, and command-line mistakes', () => {
  const kinds = compileTo('test/run/fixtures/kinds.yaml');

  test('SMP9504 and SMP9505: a ground-truth step without labels, a lambda step without a handler, all reported', async () => {
    const localDir = tempDir();
    const result = await run(kinds, localDir);
    assertStoppedBeforeRunning(result, localDir, 'SMP9504');
    assert.match(result.stderr, /error SMP9505: lambda step Notify/);
    assert.match(result.stderr, /error SMP9504: callback step Approve/);
    assert.match(result.stderr, /error SMP9504: ground-truth step Rank/);
  });

  test('SMP9506: --callback naming no callback step is a usage error (exit 2)', async () => {
    const localDir = tempDir();
    assertStoppedBeforeRunning(await run(kinds, localDir, '--callback', 'Notify=x.json'), localDir, 'SMP9506', 2);
    assertStoppedBeforeRunning(await run(kinds, localDir, '--from', 'Nope'), localDir, 'SMP9506', 2);
  });

  test('SMP9507: --from with no earlier run to reuse (exit 2)', async () => {
    const localDir = tempDir();
    assertStoppedBeforeRunning(await run(compileTo('pipeline-specs/tabular-churn.yaml'), localDir, '--from', 'Evaluate'), localDir, 'SMP9507', 2);
  });

  test('SMP9511: an answer file that is not JSON, or labels without the step\'s label attribute', async () => {
    const localDir = tempDir();
    const bad = join(localDir, 'bad.json');
    writeFileSync(bad, '{not json');
    assertStoppedBeforeRunning(await run(kinds, localDir, '--simulate-labels', '--callback', `Approve=${bad}`, '--lambda', `Notify=${bad}`), localDir, 'SMP9511');
    const labels = join(localDir, 'labels.manifest');
    writeFileSync(labels, '{"source": "q", "responses": ["a", "b"], "other-label": {}}\n');
    assertStoppedBeforeRunning(await run(kinds, localDir, '--labels', labels, '--callback', `Approve=${labels}`), localDir, 'SMP9511');
  });

  test('SMP9003: a parameter of the wrong type; usage: --labels with --simulate-labels (exit 2)', async () => {
    const localDir = tempDir();
    assertStoppedBeforeRunning(await run(compileTo('pipeline-specs/tabular-churn.yaml'), localDir, '--param', 'Epochs=many'), localDir, 'SMP9003', 2);
    const both = await run(kinds, localDir, '--labels', 'x', '--simulate-labels', '2');
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--labels or --simulate-labels/);
  });

  test('SMP9508: --backend docker without a Docker engine', async (t) => {
    if (spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0) return t.skip('a Docker engine answers on this machine');
    const localDir = tempDir();
    assertStoppedBeforeRunning(await run(compileTo('pipeline-specs/tabular-churn.yaml'), localDir, '--backend', 'docker'), localDir, 'SMP9508');
  });
});
