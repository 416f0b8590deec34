/** The emulator's pure parts, without moto: definition checks, expressions, conditions, validation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefinition } from './definition/parse.js';
import type { Json } from './definition/refs.js';
import { durationMs } from './executor/cache.js';
import { evaluateConditions } from './executor/conditions.js';
import { bindParameters } from './executor/parameters.js';
import { readPath } from './executor/paths.js';
import { resolveValue, ResolveError, type ResolveScope } from './executor/resolver.js';
import { checkRules, PIPELINE_NAME } from './sagemaker/validate.js';
import { definition, get, processing, training } from './suites/fixtures.js';

const rejects = (text: string, pattern: RegExp): void =>
  assert.throws(() => parseDefinition(text), (e: Error) => e.name === 'ValidationException' && pattern.test(e.message));

describe('definition checks (CreatePipeline)', () => {
  it('accepts a processing → training definition and records the dependency', () => {
    const parsed = parseDefinition(definition([processing('Prep'), training('Train', get("Steps.Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri"))]));
    assert.deepEqual(parsed.byName.get('Train')?.deps, ['Prep']);
  });
  it('rejects text that is not JSON', () => rejects('{"Steps": [', /^Unable to parse pipeline definition\. Invalid JSON/));
  it('names the step that references an unknown step', () =>
    rejects(definition([training('TrainDPO', get('Steps.Missing.ModelArtifacts.S3ModelArtifacts'))]), /Step 'TrainDPO' references step 'Missing'/));
  it('names duplicate steps, nested branches included', () => {
    const condition = { Name: 'Gate', Type: 'Condition', Arguments: { Conditions: [], IfSteps: [processing('Prep')], ElseSteps: [] } };
    rejects(definition([processing('Prep'), condition]), /Step 'Prep' is defined more than once/);
  });
  it('names a step without Arguments', () => rejects(definition([{ Name: 'Bare', Type: 'Training' }]), /Step 'Bare' is missing required field 'Arguments'/));
  it('names a step that reads an undefined parameter', () =>
    rejects(definition([processing('Prep', { out: get('Parameters.Bucket') as unknown as string })]), /Step 'Prep' references parameter 'Bucket'/));
  it('names unknown DependsOn targets, unknown types and callback steps without a queue', () => {
    rejects(definition([processing('Prep', undefined, { DependsOn: ['Ghost'] })]), /Step 'Prep' depends on step 'Ghost'/);
    rejects(definition([{ Name: 'X', Type: 'Magic', Arguments: {} }]), /Step 'X' has unsupported type 'Magic'/);
    rejects(definition([{ Name: 'Ask', Type: 'Callback', Arguments: {} }]), /Step 'Ask' is missing required field 'SqsQueueUrl'/);
  });
  it('reports a dependency cycle with its path', () => {
    const a = processing('A', undefined, { DependsOn: ['B'] });
    const b = processing('B', undefined, { DependsOn: ['A'] });
    rejects(definition([a, b]), /Step 'A' is part of a dependency cycle: A -> B -> A\./);
  });
});

describe('expressions', () => {
  const scope: ResolveScope = {
    parameters: { Beta: 0.1, Name: 'x' },
    execution: (name) => (name === 'PipelineExecutionId' ? 'abc123' : undefined),
    step: (name) => (name === 'Prep' ? { ProcessingOutputConfig: { Outputs: [{ OutputName: 'train', S3Output: { S3Uri: 's3://b/train' } }] } } : undefined),
    propertyFile: async () => ({ metrics: { accuracy: { value: 0.75 } } }),
    readJson: async () => undefined,
  };
  it('resolves Get, Std:Join and Std:JsonGet', async () => {
    const value = await resolveValue({
      uri: get("Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"),
      joined: { 'Std:Join': { On: '-', Values: ['run', get('Execution.PipelineExecutionId'), get('Parameters.Beta')] } },
      accuracy: { 'Std:JsonGet': { PropertyFile: get('Steps.Eval.PropertyFiles.evaluation'), Path: 'metrics.accuracy.value' } },
    }, scope);
    assert.deepEqual(value, { uri: 's3://b/train', joined: 'run-abc123-0.1', accuracy: 0.75 });
  });
  it('fails on what it cannot resolve', async () => {
    await assert.rejects(resolveValue(get('Steps.Nope.X'), scope), ResolveError);
    await assert.rejects(resolveValue({ 'Std:JsonGet': { S3Uri: 's3://b/missing.json', Path: 'a' } }, scope), /no JSON object at s3:\/\/b\/missing.json/);
  });
  it('reads list elements by name and by index', () => {
    assert.equal(readPath({ L: [{ MetricName: 'loss', Value: 0.5 }] }, "L['loss'].Value"), 0.5);
    assert.equal(readPath({ a: [{ b: 1 }, { b: 2 }] }, 'a[1].b'), 2);
  });
});

describe('conditions', () => {
  const holds = (condition: Json): boolean => evaluateConditions([condition]);
  it('compares numbers, text and sets', () => {
    assert.equal(holds({ Type: 'GreaterThanOrEqualTo', LeftValue: 0.7, RightValue: '0.6' }), true);
    assert.equal(holds({ Type: 'LessThan', LeftValue: 3, RightValue: 2 }), false);
    assert.equal(holds({ Type: 'Equals', LeftValue: 'a', RightValue: 'a' }), true);
    assert.equal(holds({ Type: 'In', QueryValue: 2, Values: [1, 2] }), true);
  });
  it('combines with Not and Or', () => {
    const equals = { Type: 'Equals', LeftValue: 1, RightValue: 2 };
    assert.equal(holds({ Type: 'Not', Expression: equals }), true);
    assert.equal(holds({ Type: 'Or', Conditions: [equals, { Type: 'GreaterThan', LeftValue: 2, RightValue: 1 }] }), true);
  });
  it('refuses to order text', () => assert.throws(() => holds({ Type: 'GreaterThan', LeftValue: 'a', RightValue: 1 }), ResolveError));
});

describe('request validation', () => {
  it('reports every problem in the service wording', () => {
    assert.throws(() => checkRules({ PipelineName: 'bad name' }, [
      { path: 'PipelineName', required: true, pattern: PIPELINE_NAME }, { path: 'RoleArn', required: true },
    ]), (e: Error) => e.message === "2 validation errors detected: Value 'bad name' at 'pipelineName' failed to satisfy constraint: " +
      'Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}; ' +
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  });
  it('binds parameters by type, defaults and enums', () => {
    const defs = [
      { Name: 'Count', Type: 'Integer' as const, DefaultValue: 1 },
      { Name: 'Kind', Type: 'String' as const, DefaultValue: 'a', EnumValues: ['a', 'b'] },
    ];
    assert.deepEqual(bindParameters(defs, [{ Name: 'Count', Value: '3' }]), { Count: 3, Kind: 'a' });
    assert.throws(() => bindParameters(defs, [{ Name: 'Count', Value: 'x' }]), /not a valid Integer/);
    assert.throws(() => bindParameters(defs, [{ Name: 'Kind', Value: 'c' }]), /not one of the allowed values/);
    assert.throws(() => bindParameters(defs, [{ Name: 'Nope', Value: '1' }]), /Parameter 'Nope' is not defined/);
  });
});

describe('CacheConfig.ExpireAfter', () => {
  it('reads ISO 8601 durations as the SDK writes them, and the docs\' examples', () => {
    assert.equal(durationMs('P30D'), 30 * 86_400_000);
    assert.equal(durationMs('p30d'), 30 * 86_400_000);
    assert.equal(durationMs('P4DT12H'), 4.5 * 86_400_000);
    assert.equal(durationMs('T16M'), 16 * 60_000);
    assert.equal(durationMs('PT0.5S'), 500);
    assert.equal(durationMs('P1W'), 7 * 86_400_000);
    assert.equal(durationMs('nonsense'), Infinity);
  });
});
