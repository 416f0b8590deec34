/**
 * Cache safety (SMP4007, SMP4008): a per-execution value in a cached step's cache key is a
 * warning at the YAML field that wrote it; smpipe's own defaults never put one there; the default
 * checkpoint location follows the rest of the training key and nothing else.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cacheSafetyFindings, specLocator } from '../../src/check/cache-safety.js';
import { analyseCaching } from '../../src/check/per-execution.js';
import { compile, type CompileResult } from '../../src/compile/compile.js';
import type { PipelineSpec } from '../../src/spec/types.js';
import { parse } from 'yaml';
import { KINDS, type KindName } from '../../src/steps/index.js';
import type { StepKind } from '../../src/steps/types.js';
import { cases } from '../helpers/golden.js';
import { HEADER, positionOf, stepsByName } from '../steps/harness.js';

const FILE = 'test/check/cache.yaml';
const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/img:1';

function kindsOf(spec: PipelineSpec): Map<string, StepKind> {
  return new Map(Object.entries(spec.steps).map(([name, step]) => [name, KINDS[step.kind as KindName] as StepKind]));
}

function compileText(text: string, file = FILE, vars?: Parameters<typeof compile>[1]['vars']): CompileResult {
  return compile(text, { file, ...(vars ? { vars } : {}) });
}

function warnings(result: CompileResult): string[] {
  return result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`);
}

const cached = (body: string, params = '') => `${HEADER.replace('defaults:\n', 'defaults:\n  cache: P30D\n')}${params}steps:\n${body}`;

const PREP = `  Prep:
    kind: processing
    image: ${IMAGE}
    instance: { type: ml.m5.xlarge }
    outputs: { train: {} }
`;
const TRAIN = (extra: string) => `  Train:
    kind: training
    image: ${IMAGE}
    instance: { type: "\${params.Type}" }
    hyperparameters: { beta: "\${params.Beta}", epochs: 1 }
    channels: { train: "\${steps.Prep.outputs.train}" }
    checkpoints: true
${extra}`;
const PARAMS = 'parameters:\n  Beta: { type: float, default: 0.1 }\n  Type: { type: string, default: ml.g5.2xlarge }\n';

test('every ok-golden and the flagship: no per-execution value in a cache key that the spec did not write', () => {
  const specs = cases('test/golden/ok').map((path) => ({ path, text: readFileSync(path, 'utf8'), vars: undefined as undefined | Parameters<typeof compile>[1]['vars'] }));
  const vars = 'pipeline-specs/vars/example.yaml';
  specs.push({ path: 'pipeline-specs/llama3-dpo.yaml', text: readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8'), vars: { file: { path: vars, text: readFileSync(vars, 'utf8') } } });
  let checked = 0;
  for (const { path, text, vars: v } of specs) {
    const result = compileText(text, path, v);
    assert.ok(result.definition, `${path} compiles`);
    const spec = parse(text) as PipelineSpec;
    const findings = cacheSafetyFindings(result.definition, specLocator(kindsOf(spec), spec));
    assert.deepEqual(findings.filter((f) => !f.userWritten).map((f) => `${f.step}: ${f.fields.join(', ')}`), [], `${path}: a smpipe default put a per-execution value in a cache key`);
    if (path.includes('llama3-dpo')) assert.deepEqual(findings, [], 'the flagship has none at all');
    checked += 1;
  }
  assert.ok(checked >= 3);
});

test('the flagship: every cached step keeps its key across executions; the deploy steps are not cached', () => {
  const vars = 'pipeline-specs/vars/example.yaml';
  const result = compileText(readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8'), 'pipeline-specs/llama3-dpo.yaml', { file: { path: vars, text: readFileSync(vars, 'utf8') } });
  const caching = analyseCaching(result.definition ?? null);
  const cachedSteps = [...caching.values()].filter((s) => s.cached).map((s) => s.name);
  assert.deepEqual(cachedSteps, ['GenerateResponses', 'CollectPreferences', 'BuildPreferences', 'TrainDPO', 'Evaluate']);
  for (const name of cachedSteps) assert.equal(caching.get(name)?.reruns, undefined, `${name} keeps its key`);
  assert.equal(caching.get('EndpointConfig')?.cached, false);
  assert.equal(caching.get('Deploy')?.cached, false);
  assert.deepEqual(caching.get('CreateModel')?.reruns, { why: 'uncacheable' });
});

test('SMP4007 at the field that wrote ${execution.id}; SMP4008 where a cached step reads a step that always re-runs', () => {
  const text = cached(`${PREP.replace('outputs: { train: {} }', 'outputs: { train: {} }\n    args: [--run, "r-${execution.id}"]')}${TRAIN('    environment: { STAMP: "${execution.startDateTime}" }\n')}`, PARAMS);
  const result = compileText(text);
  assert.ok(result.definition);
  assert.deepEqual(warnings(result), [
    `SMP4007 ${positionOf(text, '"r-${execution.id}"', 'Prep:')}`,
    `SMP4008 ${positionOf(text, '"${steps.Prep', 'Train:')}`,
    `SMP4007 ${positionOf(text, '"${execution.startDateTime}"', 'Train:')}`,
  ]);
  const messages = result.diagnostics.map((d) => d.message);
  assert.match(messages[2] as string, /Train is cached, but its cache key field CheckpointConfig\.S3Uri, Environment\.STAMP hold \$\{execution\.startDateTime\}/);
  assert.match(messages[1] as string, /field CheckpointConfig\.S3Uri, InputDataConfig\[0\]\.DataSource\.S3DataSource\.S3Uri read Prep, which runs again in every execution \(its own cache key field AppSpecification\.ContainerArguments\[1\] changes/);
  assert.match(result.diagnostics[0]?.hint ?? '', /Processing step's cache key is AppSpecification, Environment, ProcessingInputs \(https:\/\/docs\.aws\.amazon\.com\/sagemaker\/latest\/dg\/pipelines-default-keys\.html\)/);
});

test('an upstream step that is not cached, and a value outside the key, are told apart', () => {
  const notCached = cached(`${PREP}    cache: false\n${TRAIN('')}`, PARAMS);
  const result = compileText(notCached);
  assert.deepEqual(warnings(result), [`SMP4008 ${positionOf(notCached, '"${steps.Prep', 'Train:')}`]);
  assert.match(result.diagnostics[0]?.message ?? '', /read Prep, which runs again in every execution \(it is not cached\)/);
  // An output location is not part of the key; a step that is not cached is not warned about.
  const outside = cached(`${PREP.replace('outputs: { train: {} }', 'outputs: { train: { destination: "s3://b/${execution.id}/train" } }')}${TRAIN('    cache: false\n    environment: { RUN: "${execution.id}" }\n')}`, PARAMS);
  assert.deepEqual(compileText(outside).diagnostics.map((d) => d.code), []);
});

test('callback inputs: the whole Arguments stand in for an undocumented key; a constant execution variable is fine', () => {
  const text = cached(`  Ask:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/q
    inputs: { when: "\${execution.currentDateTime}", pipeline: "\${execution.pipelineName}" }
`);
  const result = compileText(text);
  assert.deepEqual(warnings(result), [`SMP4007 ${positionOf(text, '"${execution.currentDateTime}"')}`]);
  assert.match(result.diagnostics[0]?.hint ?? '', /SageMaker documents no cache key for Callback steps; smpipe assumes all of its Arguments/);
});

test('endpoint-config and endpoint take caching from their own cache: only; cached by hand they are warned about', () => {
  const deploy = (cache: string) => cached(`  CreateModel:
    kind: model
    image: ${IMAGE}
  Config:
    kind: endpoint-config
    variants: [{ model: "\${steps.CreateModel.name}", instanceType: ml.m5.xlarge }]
${cache}  Deploy:
    kind: endpoint
    name: my-endpoint
    config: \${steps.Config.name}
`);
  const plain = compileText(deploy(''));
  assert.deepEqual(plain.diagnostics, []);
  const steps = stepsByName(plain.definition) as Record<string, Record<string, unknown>>;
  assert.equal(steps.Config?.CacheConfig, undefined);
  assert.equal(steps.Deploy?.CacheConfig, undefined);
  const byHand = deploy('    cache: P1D\n');
  const result = compileText(byHand);
  assert.deepEqual(result.diagnostics.map((d) => d.code).sort(), ['SMP4007', 'SMP4008']);
  assert.deepEqual((stepsByName(result.definition) as Record<string, Record<string, unknown>>).Config?.CacheConfig, { Enabled: true, ExpireAfter: 'P1D' });
});

test('default checkpoints: the same location exactly when the rest of the training key is the same', () => {
  const location = (text: string) => {
    const result = compileText(text);
    assert.deepEqual(result.diagnostics.map((d) => d.message), []);
    return (stepsByName(result.definition) as Record<string, any>).Train.Arguments.CheckpointConfig;
  };
  const base = location(cached(`${PREP}${TRAIN('')}`, PARAMS));
  assert.equal(base.LocalPath, '/opt/ml/checkpoints');
  const values = base.S3Uri['Std:Join'].Values;
  assert.deepEqual(values.slice(0, 5), ['s3:/', 'table-bucket', 'smpipe', 'checkpoints', 'Train']);
  assert.match(values[5], /^[0-9a-f]{16}$/);
  // Run-time parts: each parameter in the key, and the job that made the channel (not its URI);
  // the instance type parameter is not in the key (ResourceConfig), so it is not a part.
  assert.deepEqual(values.slice(6), [{ Get: 'Parameters.Beta' }, { Get: 'Steps.Prep.ProcessingJobName' }]);
  assert.ok(!JSON.stringify(base).includes('Execution.'), 'no execution variable');
  // Same spec, same location (deterministic); any key field changed, another location.
  assert.deepEqual(location(cached(`${PREP}${TRAIN('')}`, PARAMS)), base);
  const epochs = location(cached(`${PREP}${TRAIN('').replace('epochs: 1', 'epochs: 2')}`, PARAMS));
  assert.notEqual(epochs.S3Uri['Std:Join'].Values[5], values[5]);
  const env = location(cached(`${PREP}${TRAIN('    environment: { A: "1" }\n')}`, PARAMS));
  assert.notEqual(env.S3Uri['Std:Join'].Values[5], values[5]);
  // What is not in the key (the output location, the instance count) does not move it.
  const output = location(cached(`${PREP}${TRAIN('    output: s3://table-bucket/elsewhere\n')}`, PARAMS));
  assert.deepEqual(output, base);
});

test('default checkpoints without run-time values are a plain URI; ground-truth labels are not per execution', () => {
  const text = cached(`  Train:
    kind: training
    image: ${IMAGE}
    instance: { type: ml.g5.2xlarge }
    checkpoints: true
`);
  const result = compileText(text);
  const uri = (stepsByName(result.definition) as Record<string, any>).Train.Arguments.CheckpointConfig.S3Uri;
  assert.match(uri, /^s3:\/\/table-bucket\/smpipe\/checkpoints\/Train\/[0-9a-f]{16}$/);
});
