import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const spec = (body: string) => `${HEADER}steps:
  Check:
    kind: clarify-check
    dataset: s3://b/train.csv
${body}`;

/** The analysis_config.json the step's first input points at, from the compiled assets. */
function analysisConfig(text: string): Record<string, unknown> {
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => d.message), []);
  const asset = result.assets.find((a) => a.name === 'analysis_config.json');
  assert.ok(asset, 'the analysis config is an asset');
  return JSON.parse(asset.bytes.toString('utf8')) as Record<string, unknown>;
}

const BIAS = '    label: y\n    headers: [y, age]\n    bias: { labelValues: [1], facets: [{ name: age, values: [40] }] }\n';
const MODEL = '    model: { name: "${params.Model}", instanceType: ml.m5.xlarge, contentType: text/csv, accept: text/csv }\n';
const withModelParam = (text: string) => text.replace('steps:\n', 'parameters:\n  Model: { type: string, default: m }\nsteps:\n');

test('clarify-check: data bias: the Clarify image, config and data inputs, the analysis config of BiasConfig', () => {
  const text = spec(`    check: data-bias\n${BIAS}`);
  const step = compiledSteps(text).Check;
  assert.equal(step.Arguments.AppSpecification.ImageUri, '205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0');
  assert.deepEqual(step.Arguments.ProcessingInputs.map((i: any) => [i.InputName, i.S3Input.LocalPath]), [['analysis_config', '/opt/ml/processing/input/config'], ['dataset', '/opt/ml/processing/input/data']]);
  assert.match(step.Arguments.ProcessingInputs[0].S3Input.S3Uri, /\/assets\/[0-9a-f]{64}\/analysis_config\.json$/);
  assert.equal(step.Arguments.ProcessingOutputConfig.Outputs[0].OutputName, 'analysis_result');
  assert.equal(step.Arguments.Environment, undefined);
  assert.deepEqual([step.CheckType, step.ModelName], ['DATA_BIAS', undefined]);
  assert.deepEqual(analysisConfig(text), {
    dataset_type: 'text/csv', headers: ['y', 'age'], label: 'y',
    label_values_or_threshold: [1], facet: [{ name_or_index: 'age', value_or_threshold: [40] }],
    methods: { pre_training_bias: { methods: 'all' }, report: { name: 'report', title: 'Analysis Report' } },
  });
});

test('clarify-check: model bias: the model name goes to ModelName (run time), not into the config', () => {
  const text = withModelParam(spec(`    check: model-bias\n${BIAS}${MODEL}    predicted: { probability: 0, threshold: 0.7 }\n`));
  const step = compiledSteps(text).Check;
  assert.deepEqual([step.CheckType, step.ModelName], ['MODEL_BIAS', { Get: 'Parameters.Model' }]);
  const config = analysisConfig(text);
  assert.deepEqual(config.predictor, { probability: 0, instance_type: 'ml.m5.xlarge', initial_instance_count: 1, accept_type: 'text/csv', content_type: 'text/csv' });
  assert.equal(config.probability_threshold, 0.7);
  assert.deepEqual(config.methods, { post_training_bias: { methods: 'all' }, report: { name: 'report', title: 'Analysis Report' } });
});

test('clarify-check: explainability: SHAPConfig (use_logit and save_local_shap_values always), the escape hatch last', () => {
  const text = withModelParam(spec(`    check: explainability\n    headers: [age]\n${MODEL}    shap: { numSamples: 50, aggMethod: median }\n    analysisConfig: { probability_threshold: 0.8 }\n`));
  const config = analysisConfig(text);
  assert.deepEqual(config.methods, { shap: { use_logit: false, save_local_shap_values: true, num_samples: 50, agg_method: 'median' }, report: { name: 'report', title: 'Analysis Report' } });
  assert.equal(config.probability_threshold, 0.8);
  assert.equal(compiledSteps(text).Check.CheckType, 'MODEL_EXPLAINABILITY');
});

test('clarify-check: vars resolve in the config; a run-time value there is an error (the file is built at compile time)', () => {
  const text = spec(`    check: data-bias\n    label: \${vars.region}\n    bias: { labelValues: [1], facets: [{ name: age }] }\n`);
  assert.equal(analysisConfig(text).label, 'us-east-1');
  runErrors({ name: 'run time', spec: spec('    check: data-bias\n    label: ${execution.id}\n    bias: { labelValues: [1], facets: [{ name: age }] }\n'), expect: [{ code: 'SMP3011', at: '${execution.id}' }] });
});

const errors: ErrorCase[] = [
  { name: 'model bias without a model or predictions', spec: spec(`    check: model-bias\n${BIAS}`), expect: [{ code: 'SMP2011', at: 'Check:' }, { code: 'SMP2011', at: 'Check:' }] },
  { name: 'bias settings on an explainability check', spec: spec(`    check: explainability\n${BIAS}    model: { name: m, instanceType: ml.m5.xlarge }\n    shap: {}\n`), expect: [{ code: 'SMP2011', at: 'bias:' }] },
  { name: 'an unknown aggregation', spec: spec(`    check: explainability\n    model: { name: m, instanceType: ml.m5.xlarge }\n    shap: { aggMethod: max }\n`), expect: [{ code: 'SMP2004', at: 'max' }] },
];

for (const c of errors) test(`clarify-check error: ${c.name}`, () => runErrors(c));
