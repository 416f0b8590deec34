/**
 * Ground-truth (simulated workers and --labels), callback, lambda (Node, Python, JSON result),
 * model, endpoint-config and endpoint steps, run for real on one small pipeline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, FIXTURES, options, PYTHON, ROOT, runFolder, tempDir } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';
import type { JsonObject } from '../../src/run/definition.js';

const NOTIFY_MJS = join(FIXTURES, 'code/kinds/notify.mjs');

function answers(dir: string, approve: object = { approver: 'ana', count: '41' }): Map<string, string> {
  const file = join(dir, 'approve.json');
  writeFileSync(file, JSON.stringify(approve));
  return new Map([['Approve', file]]);
}

function outputs(run: RunRecord, step: string): JsonObject {
  return run.steps[step]?.properties?.OutputParameters as JsonObject;
}

function s3File(localDir: string, uri: string): string {
  return join(localDir, 's3', uri.slice('s3://'.length));
}

describe('a pipeline of every other kind', () => {
  const folder = compileTo('test/run/fixtures/kinds.yaml');
  let localDir: string;
  let run: RunRecord;
  before(async () => {
    localDir = tempDir();
    ({ run } = await runFolder(folder, options(localDir, { simulateLabels: 'auto', callbacks: answers(localDir), lambdas: new Map([['Notify', NOTIFY_MJS]]) })));
    assert.equal(run.status, 'Succeeded', JSON.stringify(Object.values(run.steps).map((s) => [s.name, s.failureReason])));
  });

  test('ground-truth: the output manifest is where Ground Truth writes it, and build_preferences.py reads it', () => {
    const { OutputManifestUri: uri, LabelingJobArn: arn } = outputs(run, 'Rank');
    assert.match(String(uri), /\/labels\/Rank\/smp-rank-[a-z0-9]+-[0-9a-f]+\/manifests\/output\/output\.manifest$/);
    assert.match(String(arn), /^arn:aws:sagemaker:us-east-1:111122223333:labeling-job\/smp-rank-/);
    const out = join(localDir, 'prefs');
    const built = spawnSync(PYTHON, ['containers/preferences/build_preferences.py', '--manifest', s3File(localDir, String(uri)), '--output-dir', out, '--test-fraction', '0'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as { items: number; skipped: Record<string, number>; workers_per_item: { min: number } };
    assert.equal(stats.items, 8);
    assert.equal(stats.skipped.labeling_failed, 1, 'one item fails, as an expired task does');
    assert.equal(stats.workers_per_item.min, 3, 'the step\'s workers per item');
    const pairs = readFileSync(join(out, 'train/train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { chosen: { content: string }[]; rejected: { content: string }[] });
    assert.equal(pairs.length, 7);
    assert.ok(pairs.every((p) => (p.chosen[0]?.content.length ?? 0) < (p.rejected[0]?.content.length ?? 0)), 'the workers prefer shorter answers');
  });

  test('ground-truth: workers tie sometimes, and the same items get the same ranks on every run', async () => {
    const manifest = (r: RunRecord, dir: string) => readFileSync(s3File(dir, String(outputs(r, 'Rank').OutputManifestUri)), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonObject);
    const ranks = (lines: JsonObject[]) => lines.map((l) => ((l.ranking as JsonObject | undefined)?.annotationsFromAllWorkers as JsonObject[] | undefined)?.map((a) => JSON.parse(String((a.annotationData as JsonObject).content)).ranking.ordinalRankingDimensions[0].responseRankings));
    const first = ranks(manifest(run, localDir));
    const again = tempDir();
    const second = await runFolder(folder, options(again, { simulateLabels: 'auto', callbacks: answers(again), lambdas: new Map([['Notify', NOTIFY_MJS]]) }));
    assert.deepEqual(ranks(manifest(second.run, again)), first);
    const flat = first.flat().filter(Boolean) as number[][];
    assert.ok(flat.some((r) => new Set(r).size < r.length), 'some worker ties two answers');
    assert.ok(flat.every((r) => r.every((n) => n >= 1 && n <= 4)));
  });

  test('callback: the message is written, output parameters come typed from --callback', () => {
    assert.deepEqual(outputs(run, 'Approve'), { approver: 'ana', count: 41 });
    const message = JSON.parse(readFileSync(join(localDir, 'runs', run.id, 'Approve', 'message.json'), 'utf8')) as JsonObject;
    assert.match(String(message.token), /^[0-9a-f]{10}$/);
    assert.equal(message.status, 'Executing');
    assert.equal(message.pipelineExecutionArn, run.arn);
    assert.deepEqual(message.arguments, { manifest: outputs(run, 'Rank').OutputManifestUri });
  });

  test('lambda: a Node.js handler gets the resolved inputs as its event', () => {
    assert.deepEqual(outputs(run, 'Notify'), { message: 'hello ana from Notify', count: 42 });
  });

  test('uncompressed model output: S3ModelArtifacts is the prefix, which the model step reads with a "/"', () => {
    const artifacts = String((run.steps.Fit?.properties?.ModelArtifacts as JsonObject).S3ModelArtifacts);
    assert.match(artifacts, /\/Fit\/output\/model$|\/output\/model$/);
    assert.equal(readFileSync(join(s3File(localDir, artifacts), 'weights', 'w.bin')).length, 16);
    const container = run.steps.Package?.properties?.PrimaryContainer as JsonObject;
    assert.equal(((container.ModelDataSource as JsonObject).S3DataSource as JsonObject).S3Uri, `${artifacts}/`);
  });

  test('model, endpoint-config and endpoint are recorded in registry.json', () => {
    const registry = JSON.parse(readFileSync(join(localDir, 'registry.json'), 'utf8')) as { models: JsonObject; endpointConfigs: JsonObject; endpoints: Record<string, JsonObject> };
    const model = String(run.steps.Package?.properties?.ModelName);
    assert.match(model, new RegExp(`^pipelines-${run.id}-Package-`));
    assert.ok(model in registry.models);
    assert.ok(String(run.steps.Config?.properties?.EndpointConfigName) in registry.endpointConfigs);
    assert.equal((registry.endpoints['kinds-endpoint']?.request as JsonObject).EndpointConfigName, run.steps.Config?.properties?.EndpointConfigName);
  });

  test('lambda: a Python handler, and a JSON result file', async () => {
    const dir = tempDir();
    const py = await runFolder(folder, options(dir, { simulateLabels: 2, callbacks: answers(dir), lambdas: new Map([['Notify', join(FIXTURES, 'code/kinds/notify.py')]]) }));
    assert.deepEqual(outputs(py.run, 'Notify'), { message: 'python says hi to ana', count: 82 });
    const result = join(dir, 'result.json');
    writeFileSync(result, JSON.stringify({ message: 'canned', count: 1 }));
    const canned = await runFolder(folder, options(dir, { simulateLabels: 2, callbacks: answers(dir), lambdas: new Map([['Notify', result]]) }));
    assert.deepEqual(outputs(canned.run, 'Notify'), { message: 'canned', count: 1 });
  });

  test('--labels: a Ground Truth output manifest answers the step as it is', async () => {
    const labels = s3File(localDir, String(outputs(run, 'Rank').OutputManifestUri));
    const dir = tempDir();
    const given = await runFolder(folder, options(dir, { labels, callbacks: answers(dir), lambdas: new Map([['Notify', NOTIFY_MJS]]) }));
    assert.equal(given.run.status, 'Succeeded');
    assert.equal(readFileSync(s3File(dir, String(outputs(given.run, 'Rank').OutputManifestUri)), 'utf8'), readFileSync(labels, 'utf8'));
  });

  test('a callback answer without a declared output fails the step; later steps do not start', async () => {
    const dir = tempDir();
    const failed = await runFolder(folder, options(dir, { simulateLabels: 1, callbacks: answers(dir, { approver: 'ana' }), lambdas: new Map([['Notify', NOTIFY_MJS]]) }));
    assert.equal(failed.run.status, 'Failed');
    assert.match(String(failed.run.steps.Approve?.failureReason), /'count'/);
    assert.equal(failed.run.steps.Notify?.status, 'Skipped');
    assert.ok(!existsSync(join(dir, 'registry.json')), 'nothing was recorded');
  });
});
