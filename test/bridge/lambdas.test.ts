import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { consolidate, createConsolidationHandler } from '../../containers/labeling-bridge/consolidation.js';
import { preAnnotation } from '../../containers/labeling-bridge/pre-annotation.js';
import { buildPreferences, consolidationRequest, inputManifest, outputManifest, rankingAnswer, writeText } from './labels.js';

const ITEM = { id: 'card-lost', source: "I've lost my card", responses: ['a', "b's", '<c>'] };

const preCases: { name: string; dataObject: unknown; error?: RegExp }[] = [
  { name: 'a generate.py manifest line', dataObject: ITEM },
  { name: 'a numeric id', dataObject: { ...ITEM, id: 7 } },
  { name: 'no id (preferences keys on the question then)', dataObject: { source: 'q', responses: ['a', 'b'] } },
  { name: 'not an object', dataObject: 'text', error: /not a JSON object/ },
  { name: 'no question', dataObject: { id: 'x', responses: ['a', 'b'] }, error: /source/ },
  { name: 'one response only', dataObject: { ...ITEM, responses: ['a'] }, error: /at least two/ },
  { name: 'a response that is not text', dataObject: { ...ITEM, responses: ['a', 3] }, error: /strings/ },
  { name: 'an id that is an object', dataObject: { ...ITEM, id: {} }, error: /id/ },
];

for (const c of preCases) {
  test(`pre-annotation: ${c.name}`, () => {
    const call = () => preAnnotation({ version: '2018-10-16', labelingJobArn: 'arn', dataObject: c.dataObject });
    if (c.error) return assert.throws(call, c.error);
    const result = call();
    const item = c.dataObject as { id?: unknown; source: string; responses: string[] };
    assert.deepEqual(result, { taskInput: { id: item.id ?? null, source: item.source, responses: item.responses }, isHumanAnnotationRequired: true });
  });
}

test('consolidation: pass-through keeps every worker\'s answer, unchanged, under the label attribute', () => {
  const objects = [
    { datasetObjectId: '0', dataObject: ITEM, annotations: [{ workerId: 'w1', annotationData: { content: rankingAnswer([1, 2, 3]) } }, { workerId: 'w2', annotationData: { content: rankingAnswer([1, 1, 3]) } }] },
    { datasetObjectId: '1', dataObject: ITEM, annotations: [] },
  ];
  assert.deepEqual(consolidate(objects, 'example-bank-ranking'), [
    { datasetObjectId: '0', consolidatedAnnotation: { content: { 'example-bank-ranking': { annotationsFromAllWorkers: [
      { workerId: 'w1', annotationData: { content: rankingAnswer([1, 2, 3]) } },
      { workerId: 'w2', annotationData: { content: rankingAnswer([1, 1, 3]) } },
    ] } } } },
    { datasetObjectId: '1', consolidatedAnnotation: { content: { 'example-bank-ranking': { annotationsFromAllWorkers: [] } } } },
  ]);
});

test('consolidation handler: reads the request from S3 and rejects a request without a payload', async () => {
  const objects = consolidationRequest(inputManifest(2), 2);
  const s3 = { send: async (command: { input: { Bucket: string; Key: string } }) => {
    assert.deepEqual(command.input, { Bucket: 'b', Key: 'job/annotations/consolidation-request/iteration-1/x.json' });
    return { Body: { transformToString: async () => JSON.stringify(objects) } };
  } };
  const handler = createConsolidationHandler({ s3, sagemaker: { send: async () => ({}) }, log: { info() {}, warn() {} }, now: () => new Date() } as never);
  const out = await handler({ labelAttributeName: 'ranking', payload: { s3Uri: 's3://b/job/annotations/consolidation-request/iteration-1/x.json' } });
  assert.deepEqual(out, consolidate(objects, 'ranking'));
  await assert.rejects(handler({ labelAttributeName: 'ranking' }), /payload/);
});

test('the Lambdas\' output manifest feeds containers/preferences: build_preferences.py makes DPO pairs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-prefs-'));
  const manifest = writeText(join(dir, 'output.manifest'), outputManifest(inputManifest(10), 3, 'ranking'));
  const result = buildPreferences(manifest, join(dir, 'out'));
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stats.items, 10);
  assert.equal(result.stats.pairs, 10, 'best-worst: one pair per item');
  assert.equal(result.train.length + result.test.length, 10);
  assert.equal(result.stats.label_attribute, 'ranking');
  const pair = JSON.parse(result.train[0] as string) as { prompt: { role: string }[]; chosen: { content: string }[]; rejected: { content: string }[] };
  assert.equal(pair.prompt[0]?.role, 'system');
  assert.match(pair.chosen[0]?.content ?? '', /^Here's how|^Please contact/);
  assert.equal(pair.rejected[0]?.content, 'No.');
});

test('a manifest whose label attribute differs from the one asked for is refused by build_preferences.py', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-prefs-'));
  const manifest = writeText(join(dir, 'output.manifest'), outputManifest(inputManifest(3), 1, 'ranking'));
  const result = buildPreferences(manifest, join(dir, 'out'), ['--label-attribute', 'other']);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /label attribute/);
});
