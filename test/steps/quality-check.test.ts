import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const spec = (body: string) => `${HEADER}steps:
  Check:
    kind: quality-check
${body}`;

test('quality-check: data quality as QualityCheckStep builds it (CheckJobConfig defaults, monitor image, env map, baseline flags)', () => {
  const step = compiledSteps(spec('    check: data-quality\n    dataset: s3://b/train.csv\n')).Check;
  const a = step.Arguments;
  assert.deepEqual(a.ProcessingResources, { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } });
  assert.equal(a.AppSpecification.ImageUri, '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer');
  assert.deepEqual(a.ProcessingInputs.map((i: any) => [i.InputName, i.S3Input.S3Uri, i.S3Input.LocalPath]), [['baseline_dataset_input', 's3://b/train.csv', '/opt/ml/processing/input/baseline_dataset_input']]);
  assert.deepEqual(a.Environment, {
    output_path: '/opt/ml/processing/output',
    publish_cloudwatch_metrics: 'Disabled',
    dataset_format: '{"csv":{"header":true,"output_columns_position":"START"}}',
    dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
  });
  const output = a.ProcessingOutputConfig.Outputs[0];
  assert.equal(output.OutputName, 'quality_check_output');
  assert.equal(output.S3Output.LocalPath, '/opt/ml/processing/output');
  assert.match(output.S3Output.S3Uri, /^s3:\/\/table-bucket\/smpipe\/checks\/Check\/[0-9a-f]{16}$/);
  assert.deepEqual([step.Type, step.CheckType, step.SkipCheck, step.FailOnViolation, step.RegisterNewBaseline], ['QualityCheck', 'DATA_QUALITY', false, true, false]);
});

test('quality-check: the default results location follows the check\'s configuration, not the execution', () => {
  const uri = (dataset: string) => compiledSteps(spec(`    check: data-quality\n    dataset: ${dataset}\n`)).Check.Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri;
  assert.equal(uri('s3://b/a.csv'), uri('s3://b/a.csv'));
  assert.notEqual(uri('s3://b/a.csv'), uri('s3://b/b.csv'));
});

test('quality-check: model quality env, JSON format, supplied baselines and properties', () => {
  const steps = compiledSteps(spec(`    check: model-quality
    dataset: s3://b/predictions
    format: json
    problemType: Regression
    inferenceAttribute: prediction
    groundTruthAttribute: label
    baseline: { statistics: s3://b/stats.json, constraints: s3://b/constraints.json, modelPackageGroup: g }
  F:
    kind: fail
    message: "\${steps.Check.statistics} \${steps.Check.driftCheckConstraints} \${steps.Check.properties.CalculatedBaselineConstraints}"
`));
  const env = steps.Check.Arguments.Environment;
  assert.equal(env.dataset_format, '{"json":{"lines":true}}');
  assert.equal(env.analysis_type, 'MODEL_QUALITY');
  assert.equal(env.problem_type, 'Regression');
  assert.equal(env.inference_attribute, 'prediction');
  assert.equal(env.ground_truth_attribute, 'label');
  assert.equal(env.probability_attribute, undefined);
  assert.deepEqual([steps.Check.ModelPackageGroupName, steps.Check.SuppliedBaselineStatistics, steps.Check.SuppliedBaselineConstraints], ['g', 's3://b/stats.json', 's3://b/constraints.json']);
  assert.deepEqual(steps.F.Arguments.ErrorMessage['Std:Join'].Values.filter((_: unknown, i: number) => i % 2 === 0), [
    { Get: 'Steps.Check.CalculatedBaselineStatistics' }, { Get: 'Steps.Check.BaselineUsedForDriftCheckConstraints' }, { Get: 'Steps.Check.CalculatedBaselineConstraints' },
  ]);
});

const errors: ErrorCase[] = [
  { name: 'model quality without problemType', spec: spec('    check: model-quality\n    dataset: s3://b/p\n'), expect: [{ code: 'SMP2011', at: 'Check:' }] },
  { name: 'a preprocessor on a model-quality check', spec: spec('    check: model-quality\n    dataset: s3://b/p\n    problemType: Regression\n    preprocessor: s3://b/pre.py\n'), expect: [{ code: 'SMP2011', at: 'preprocessor' }] },
  { name: 'a local script that is not there', spec: spec('    check: data-quality\n    dataset: s3://b/p\n    postprocessor: missing.py\n'), expect: [{ code: 'SMP6003', at: 'missing.py' }] },
  { name: 'a property checks do not expose', spec: spec('    check: data-quality\n    dataset: s3://b/p\n  F:\n    kind: fail\n    message: "${steps.Check.properties.ProcessingJobStatus}"\n'), expect: [{ code: 'SMP3013', at: '${steps.Check.properties.ProcessingJobStatus}' }] },
];

for (const c of errors) test(`quality-check error: ${c.name}`, () => runErrors(c));
