/** The runner's rules as functions: paths, expressions, conditions, local S3, simulated workers, docker, names. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateConditions } from '../../src/run/conditions.js';
import { dockerCommand } from '../../src/run/docker.js';
import { jobNameFor } from '../../src/run/execution.js';
import { resolveValue, type ResolveScope } from '../../src/run/expressions.js';
import { LocalS3 } from '../../src/run/local-s3.js';
import { readPath, tokenizePath } from '../../src/run/paths.js';
import { mapOptMl, detectSandbox } from '../../src/run/sandbox.js';
import { failedItemIndex, rankingAnswer, simulatedRanks, uiNames } from '../../src/run/simulated-workers.js';
import { normaliseArgv } from '../../src/run/command.js';
import { jobPython } from '../../src/run/python-env.js';
import { builtInTemplate, renderTextRanking } from '../../src/render/text-ranking.js';
import type { Json } from '../../src/expr/types.js';
import { tempDir } from './harness.js';

const properties = {
  ProcessingOutputConfig: { Outputs: [{ OutputName: 'train', S3Output: { S3Uri: 's3://b/train' } }, { OutputName: 'test', S3Output: { S3Uri: 's3://b/test' } }] },
  FinalMetricDataList: [{ MetricName: 'loss', Value: 0.25 }],
};

describe('property and JsonGet paths', () => {
  test('names index lists by their name field; [n] by position; malformed paths read nothing', () => {
    assert.equal(readPath(properties, "ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri"), 's3://b/test');
    assert.equal(readPath(properties, 'ProcessingOutputConfig.Outputs[0].S3Output.S3Uri'), 's3://b/train');
    assert.equal(readPath(properties, "FinalMetricDataList['loss'].Value"), 0.25);
    assert.equal(readPath({ a: { b: [1, { c: 'x' }] } }, 'a.b[1].c'), 'x');
    assert.equal(readPath(properties, "ProcessingOutputConfig.Outputs['nope'].S3Output"), undefined);
    assert.equal(tokenizePath("a['unclosed"), undefined);
  });
});

describe('expressions', () => {
  const scope: ResolveScope = {
    parameter: (name) => ({ Rate: 0.5, On: true, N: 3 } as Record<string, Json>)[name],
    execution: (name) => (name === 'PipelineExecutionId' ? 'abc123' : undefined),
    step: (name) => (name === 'Prep' ? properties : undefined),
    propertyFile: () => ({ metrics: { accuracy: { value: 0.8 } } }),
  };
  test('Std:Join renders numbers and booleans as text; Get reads parameters, execution and step properties', () => {
    const value = resolveValue({ 'Std:Join': { On: '/', Values: ['s3:/', 'b', { Get: 'Execution.PipelineExecutionId' }, { Get: 'Parameters.Rate' }, { Get: 'Parameters.On' }] } }, scope);
    assert.equal(value, 's3://b/abc123/0.5/true');
    assert.equal(resolveValue({ Get: "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri" }, scope), 's3://b/train');
    assert.deepEqual(resolveValue({ x: [{ Get: 'Parameters.N' }] }, scope), { x: [3] });
  });
  test('Std:JsonGet reads the property file; what cannot resolve fails the step with the reason', () => {
    const jsonGet = (path: string) => ({ 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Eval.PropertyFiles.evaluation' }, Path: path } });
    assert.equal(resolveValue(jsonGet('metrics.accuracy.value'), scope), 0.8);
    assert.throws(() => resolveValue(jsonGet('metrics.recall.value'), scope), /no value at 'metrics\.recall\.value'/);
    assert.throws(() => resolveValue({ Get: 'Steps.Later.X' }, scope), /step 'Later' has not run/);
    assert.throws(() => resolveValue({ Get: 'Parameters.Missing' }, scope), /Parameter 'Missing'/);
  });
});

describe('conditions', () => {
  const cmp = (Type: string, LeftValue: Json, RightValue: Json) => evaluateConditions([{ Type, LeftValue, RightValue }]);
  test('each comparison both ways; numbers read from text compare as numbers', () => {
    assert.equal(cmp('GreaterThanOrEqualTo', 0.6, 0.6), true);
    assert.equal(cmp('GreaterThan', 0.6, 0.6), false);
    assert.equal(cmp('LessThan', '0.5', 0.6), true);
    assert.equal(cmp('LessThanOrEqualTo', 0.7, 0.6), false);
    assert.equal(cmp('Equals', '0.50', 0.5), true);
    assert.equal(cmp('Equals', 'a', 'b'), false);
    assert.equal(evaluateConditions([{ Type: 'In', QueryValue: 'b', Values: ['a', 'b'] }]), true);
    assert.equal(evaluateConditions([{ Type: 'Not', Expression: { Type: 'Equals', LeftValue: 1, RightValue: 1 } }]), false);
    assert.equal(evaluateConditions([{ Type: 'Or', Conditions: [{ Type: 'Equals', LeftValue: 1, RightValue: 2 }, { Type: 'Equals', LeftValue: 2, RightValue: 2 }] }]), true);
    assert.equal(evaluateConditions([{ Type: 'Equals', LeftValue: 1, RightValue: 1 }, { Type: 'Equals', LeftValue: 1, RightValue: 2 }]), false, 'all must hold');
    assert.throws(() => cmp('GreaterThan', 'high', 1), /as numbers/);
  });
});

describe('local S3 (the SageMaker SDK local mode rule for prefixes)', () => {
  test('a URI naming an object is that file under its base name; a prefix copies keys relative to it', () => {
    const s3 = new LocalS3(tempDir());
    for (const key of ['data/train/a.csv', 'data/train/sub/b.csv', 'data/trainer.txt', 'data/one.json']) {
      const path = s3.pathOf(`s3://bkt/${key}`);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, key);
    }
    const rel = (files: string[], base: string) => files.map((f) => f.slice(base.length + 1)).sort();
    const one = tempDir();
    assert.deepEqual(rel(s3.download('s3://bkt/data/one.json', one), one), ['one.json']);
    const slash = tempDir();
    assert.deepEqual(rel(s3.download('s3://bkt/data/train/', slash), slash), ['a.csv', 'sub/b.csv']);
    const bare = tempDir();
    assert.deepEqual(rel(s3.download('s3://bkt/data/train', bare), bare), ['a.csv', 'er.txt', 'sub/b.csv'], 'a key prefix, not a folder');
    assert.equal(s3.has('s3://bkt/data/none'), false);
    assert.throws(() => s3.pathOf('s3://bkt/../escape'), /not an S3 URI this runner can store/);
  });
});

describe('simulated workers', () => {
  const responses = ['A much longer answer than the others.', 'Short.', 'Medium answer.', 'Also medium.'];
  test('rank 1 is the shortest answer; the same item and worker always get the same ranks', () => {
    const ranks = Array.from({ length: 20 }, (_, w) => simulatedRanks(responses, 'item-1', w));
    assert.deepEqual(ranks, Array.from({ length: 20 }, (_, w) => simulatedRanks(responses, 'item-1', w)));
    const bestIsShortest = ranks.filter((r) => r[1] === 1).length;
    assert.ok(bestIsShortest >= 18, `${bestIsShortest}/20 workers rank the shortest first`);
    assert.ok(ranks.some((r) => new Set(r).size < 4), 'some worker ties');
    assert.ok(ranks.every((r) => r[0] !== 1), 'the longest answer is never preferred');
  });
  test('one item fails, chosen by the seed from the item ids alone', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}` }));
    const failed = failedItemIndex(items);
    assert.equal(failedItemIndex([...items].reverse()), 9 - (failed as number));
    assert.equal(failedItemIndex([{ id: 'only' }]), undefined);
  });
  test('the answer has the worker UI\'s element and dimension names (read from smpipe\'s template)', () => {
    const html = renderTextRanking(builtInTemplate(), { title: 'T', dimension: 'Alignment "quoted"', instructions: 'i', allowTies: true, values: '' });
    assert.ok(html.ok);
    const names = uiNames(html.ok ? html.html : '');
    assert.deepEqual(names, { element: 'ranking', dimension: 'Alignment "quoted"' });
    assert.deepEqual(JSON.parse(rankingAnswer(names, [1, 2])), { ranking: { ordinalRankingDimensions: [{ name: 'Alignment "quoted"', responseRankings: [1, 2] }] } });
  });
});

describe('command line and names', () => {
  test('--simulate-labels takes an optional number', () => {
    assert.deepEqual(normaliseArgv(['dir', '--simulate-labels']), ['dir', '--simulate-labels=auto']);
    assert.deepEqual(normaliseArgv(['--simulate-labels', 'dir']), ['--simulate-labels=auto', 'dir']);
    assert.deepEqual(normaliseArgv(['--simulate-labels', '5', 'dir']), ['--simulate-labels', '5', 'dir']);
  });
  test('job names are SageMaker\'s pipelines-<execution>-<step>-<suffix>, at most 63 characters', () => {
    assert.match(jobNameFor('abcdefghijkl', 'Train'), /^pipelines-abcdefghijkl-Train-[0-9a-f]{10}$/);
    assert.ok(jobNameFor('abcdefghijkl', 'S'.repeat(64)).length <= 63);
  });
  test('map mode maps /opt/ml and below, nothing else', () => {
    assert.equal(mapOptMl('/opt/ml/processing/input', '/r'), '/r/processing/input');
    assert.equal(mapOptMl('/opt/ml', '/r'), '/r');
    assert.equal(mapOptMl('/opt/mlx', '/r'), '/opt/mlx');
    assert.equal(mapOptMl('--x=/opt/ml/a', '/r'), '--x=/opt/ml/a');
  });
  test('SMPIPE_LOCAL_SANDBOX=map forces map mode; otherwise a probe picks bind or map', () => {
    assert.equal(detectSandbox({ SMPIPE_LOCAL_SANDBOX: 'map' }).mode, 'map');
    assert.ok(['bind', 'map'].includes(detectSandbox({}).mode));
  });
});

describe('docker backend command line', () => {
  test('processing: the step root at /opt/ml, host algo-1, entrypoint and arguments, env by name only', () => {
    const command = dockerCommand({ image: 'img:1', name: 'smpipe-run-step', root: '/r', env: { SECRETISH: 'value', A: '1' }, entrypoint: ['/bin/bash', '/opt/ml/processing/input/entrypoint/runproc.sh'], args: ['--x', '1'], gpus: false });
    assert.deepEqual(command, ['docker', 'run', '--rm', '--name', 'smpipe-run-step', '--hostname', 'algo-1', '--volume', '/r:/opt/ml', '--env', 'A', '--env', 'SECRETISH', '--entrypoint', '/bin/bash', 'img:1', '/opt/ml/processing/input/entrypoint/runproc.sh', '--x', '1']);
    assert.ok(!command.includes('value'), 'values stay out of the process list');
  });
  test('training: `<image> train`, GPUs when the machine has them', () => {
    assert.deepEqual(dockerCommand({ image: 'img:2', name: 'n', root: '/r', env: {}, args: ['train'], gpus: true }), ['docker', 'run', '--rm', '--name', 'n', '--hostname', 'algo-1', '--volume', '/r:/opt/ml', '--gpus', 'all', 'img:2', 'train']);
  });
});

describe('the job interpreter', () => {
  test('a bare name is found on PATH (not taken as ./python3 in the working folder)', async () => {
    const bin = tempDir();
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved ?? ''}`;
    try {
      const job = await jobPython(tempDir(), 'python3', undefined, () => undefined);
      assert.equal(job.python, join(bin, 'python3'));
    } finally {
      process.env.PATH = saved;
    }
  });

  test('a name on no PATH folder is a plain step failure that says how to name one', async () => {
    await assert.rejects(Promise.resolve().then(() => jobPython(tempDir(), 'no-such-python-xyz', undefined, () => undefined)), /no no-such-python-xyz on PATH; pass --python/);
  });
});
