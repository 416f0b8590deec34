/** Offline parts of re-runs: the cache forecast, the cost estimate, --from's selection, rendering, the Experiments finding. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compile } from '../../src/compile/compile.js';
import type { Json } from '../../src/expr/types.js';
import { forecastCaching } from '../../src/deploy/cache-forecast.js';
import { API_MAX_RUNTIME_SECONDS, estimateCost } from '../../src/deploy/cost.js';
import { instanceUses, quotaName } from '../../src/deploy/instance-use.js';
import { experimentFindings } from '../../src/deploy/preflight/run.js';
import { renderForecast, usd } from '../../src/deploy/render-cost.js';
import { renderExecutions, statusText } from '../../src/deploy/render-steps.js';
import { selectFrom } from '../../src/deploy/selection.js';

const FLAGSHIP_VARS = { file: { path: 'pipeline-specs/vars/example.yaml', text: readFileSync('pipeline-specs/vars/example.yaml', 'utf8') } };

function flagship(edit: (text: string) => string = (t) => t): Json {
  const text = edit(readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8'));
  const result = compile(text, { file: 'pipeline-specs/llama3-dpo.yaml', vars: FLAGSHIP_VARS });
  assert.ok(result.definition, result.diagnostics.map((d) => d.message).join('; '));
  return result.definition;
}

const verdicts = (forecast: ReturnType<typeof forecastCaching>) => Object.fromEntries(forecast.map((f) => [f.step, f.reused ? 'reused' : f.why]));

test('forecast: an unchanged flagship reuses every cached step; the deploy steps always run', () => {
  const definition = flagship();
  assert.deepEqual(verdicts(forecastCaching(definition, definition)), {
    GenerateResponses: 'reused', CollectPreferences: 'reused', BuildPreferences: 'reused', TrainDPO: 'reused', Evaluate: 'reused',
    RegisterModel: 'RegisterModel steps cannot be cached', CreateModel: 'Model steps cannot be cached', EndpointConfig: 'not cached', Deploy: 'not cached',
  });
});

test('forecast: a changed hyperparameter re-runs training and what reads it, not what came before', () => {
  const before = flagship();
  const after = flagship((t) => t.replace('gradient_accumulation_steps: 1', 'gradient_accumulation_steps: 8'));
  const v = verdicts(forecastCaching(before, after));
  assert.equal(v.GenerateResponses, 'reused');
  assert.equal(v.CollectPreferences, 'reused', 'the labeling is not paid for twice');
  assert.equal(v.BuildPreferences, 'reused');
  assert.match(v.TrainDPO as string, /^CheckpointConfig\.S3Uri, HyperParameters\.gradient_accumulation_steps changed$/);
  assert.equal(v.Evaluate, 'reads TrainDPO, which runs again');
});

test('forecast: a new parameter default, a new step, a new pipeline, caching switched on', () => {
  const before = flagship();
  const beta = verdicts(forecastCaching(before, flagship((t) => t.replace('default: 0.1\n', 'default: 0.2\n'))));
  assert.equal(beta.TrainDPO, 'default of Beta changed (0.1 → 0.2)');
  assert.equal(verdicts(forecastCaching(undefined, before)).TrainDPO, 'first execution of a new pipeline');
  const uncached = flagship((t) => t.replace('  cache: P30D\n', '  cache: false\n'));
  assert.equal(verdicts(forecastCaching(uncached, before)).GenerateResponses, 'caching is new: no cached run of it yet');
  assert.equal(verdicts(forecastCaching(before, uncached)).GenerateResponses, 'not cached');
  assert.deepEqual(renderForecast(forecastCaching(before, before)).slice(0, 3), [
    '', 'Caching, next execution with default parameters (reused = a successful run with the same key within ExpireAfter is taken):', '  GenerateResponses   reused (key unchanged)',
  ]);
});

test('cost: the dearest allowed instance type × max runtime × count; no limit is the API maximum; endpoints per hour', () => {
  const definition = flagship();
  const estimate = estimateCost(definition, 'us-east-1');
  const train = estimate.steps.find((s) => s.step === 'TrainDPO');
  assert.deepEqual([train?.type, train?.instanceHours, train?.worstUsd?.toFixed(2)], ['ml.p4d.24xlarge', 24, '904.51']);
  const generate = estimate.steps.find((s) => s.step === 'GenerateResponses');
  assert.deepEqual([generate?.unbounded, generate?.instanceHours], [true, API_MAX_RUNTIME_SECONDS / 3600]);
  const endpoint = estimate.steps.find((s) => s.endpoint);
  assert.deepEqual([endpoint?.step, endpoint?.usdPerHour, endpoint?.worstUsd], ['EndpointConfig', 7.09, undefined]);
  assert.equal(usd(estimate.totalUsd), '$2,812.87');
  assert.deepEqual(estimateCost(definition, 'eu-north-1').unpriced.map((u) => u.step).slice(0, 2), ['GenerateResponses', 'BuildPreferences']);
  assert.equal(usd(1234567.006), '$1,234,567.01');
  assert.equal(usd(0.5), '$0.50');
});

test('instance uses: every enum value of the instance-type parameter, the one a run gets marked', () => {
  const uses = instanceUses(flagship(), { TrainingInstanceType: 'ml.g6.12xlarge' });
  const train = uses.find((u) => u.step === 'TrainDPO');
  assert.deepEqual(train?.choices, [
    { type: 'ml.g5.48xlarge', chosen: false }, { type: 'ml.g5.12xlarge', chosen: false }, { type: 'ml.g6.12xlarge', chosen: true }, { type: 'ml.p4d.24xlarge', chosen: false },
  ]);
  assert.equal(train?.parameter, 'TrainingInstanceType');
  assert.equal(quotaName('ml.g5.48xlarge', 'training job'), 'ml.g5.48xlarge for training job usage');
  assert.deepEqual(uses.map((u) => `${u.step}:${u.usage}`), ['GenerateResponses:processing job', 'BuildPreferences:processing job', 'TrainDPO:training job', 'Evaluate:processing job', 'EndpointConfig:endpoint']);
});

test('--from selects the step, all downstream, and the condition of a selected branch step', () => {
  const definition = flagship();
  assert.deepEqual(selectFrom(definition, ['TrainDPO']), ['TrainDPO', 'Evaluate', 'QualityGate', 'RegisterModel', 'CreateModel', 'EndpointConfig', 'Deploy', 'TooWeak']);
  assert.deepEqual(selectFrom(definition, ['EndpointConfig']), ['QualityGate', 'EndpointConfig', 'Deploy']);
  assert.throws(() => selectFrom(definition, ['TrainDpo']), /SMP9035|no step TrainDpo \(did you mean TrainDPO\?\)/);
});

test('cache hits and reused steps in the tables', () => {
  const arn = (id: string) => `arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/${id}`;
  assert.equal(statusText({ name: 'T', status: 'Succeeded', cachedFrom: arn('abc123def456') }), 'Succeeded (cache hit from abc123def456)');
  assert.equal(statusText({ name: 'T', status: 'Succeeded', reusedFrom: arn('r3f') }), 'Succeeded (reused from r3f)');
  assert.equal(statusText({ name: 'T', status: 'Executing', attempts: 2 }), 'Executing (try 2)');
  const lines = renderExecutions([{ arn: arn('new1'), status: 'Succeeded', steps: [
    { name: 'A', status: 'Succeeded', cachedFrom: arn('old1') }, { name: 'B', status: 'Succeeded', cachedFrom: arn('old1') },
    { name: 'C', status: 'Succeeded', reusedFrom: arn('ref1') }, { name: 'D', status: 'Succeeded' },
  ] }]);
  assert.deepEqual(lines.slice(2), ['    cache hits from old1: A, B', '    reused from ref1: C']);
});

test('Experiments: an error where the region lacks it and the definition asks for it; a note where the default left it out', () => {
  const withConfig = { PipelineExperimentConfig: { ExperimentName: 'x' }, Steps: [] } as unknown as Json;
  assert.deepEqual(experimentFindings(withConfig, 'us-east-1'), []);
  assert.deepEqual(experimentFindings(withConfig, 'ap-southeast-5').map((f) => [f.code, f.severity]), [['SMP9050', 'error']]);
  assert.deepEqual(experimentFindings({ Steps: [] } as unknown as Json, 'ap-southeast-5').map((f) => [f.code, f.severity]), [['SMP9051', 'warning']]);
});
