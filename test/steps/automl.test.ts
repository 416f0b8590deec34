import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const spec = (body: string) => `${HEADER}steps:
  Auto:
    kind: automl
    data: s3://b/train.csv
    target: churn
${body}`;

test('automl: CreateAutoMLJob in ENSEMBLING mode, as AutoMLStep requires; no ModelDeployConfig or GenerateCandidateDefinitionsOnly', () => {
  const a = compiledSteps(spec('')).Auto.Arguments;
  assert.deepEqual(Object.keys(a), ['InputDataConfig', 'OutputDataConfig', 'AutoMLJobConfig', 'RoleArn']);
  assert.deepEqual(a.InputDataConfig, [{ DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/train.csv' } }, TargetAttributeName: 'churn' }]);
  assert.deepEqual(a.AutoMLJobConfig, { CompletionCriteria: {}, SecurityConfig: { EnableInterContainerTrafficEncryption: false }, Mode: 'ENSEMBLING' });
});

test('automl: limits, split, objective, problem type, and the best candidate\'s properties for a model step', () => {
  const steps = compiledSteps(spec(`    problemType: Regression
    objective: MSE
    maxCandidates: 5
    validationFraction: 0.25
    sampleWeight: w
  Best:
    kind: model
    image: \${steps.Auto.bestImage}
    modelData: \${steps.Auto.bestModelData}
    environment: { PROGRAM: "\${steps.Auto.bestEnvironment.SAGEMAKER_PROGRAM}" }
`));
  const a = steps.Auto.Arguments;
  assert.deepEqual(a.AutoMLJobConfig.CompletionCriteria, { MaxCandidates: 5 });
  assert.deepEqual(a.AutoMLJobConfig.DataSplitConfig, { ValidationFraction: 0.25 });
  assert.deepEqual([a.ProblemType, a.AutoMLJobObjective], ['Regression', { MetricName: 'MSE' }]);
  assert.equal(a.InputDataConfig[0].SampleWeightAttributeName, 'w');
  const container = steps.Best.Arguments.PrimaryContainer;
  assert.deepEqual(container.Image, { Get: 'Steps.Auto.BestCandidate.InferenceContainers[0].Image' });
  assert.deepEqual(container.ModelDataUrl, { Get: 'Steps.Auto.BestCandidate.InferenceContainers[0].ModelDataUrl' });
  assert.deepEqual(container.Environment.PROGRAM, { Get: "Steps.Auto.BestCandidate.InferenceContainers[0].Environment['SAGEMAKER_PROGRAM']" });
});

const errors: ErrorCase[] = [
  { name: 'ModelDeployConfig through the escape hatch', spec: spec('    arguments: { ModelDeployConfig: { AutoGenerateEndpointName: true } }\n'), expect: [{ code: 'SMP8001', at: 'ModelDeployConfig' }] },
  { name: 'a validation share over 1', spec: spec('    validationFraction: 1.5\n'), expect: [{ code: 'SMP2005', at: '1.5' }] },
  { name: 'no target', spec: spec('').replace('    target: churn\n', ''), expect: [{ code: 'SMP2002', at: 'Auto:' }] },
  { name: 'a Describe path the AutoML response lacks', spec: spec('  F:\n    kind: fail\n    message: "${steps.Auto.properties.BestCandidate.Score}"\n'), expect: [{ code: 'SMP3008', at: '${steps.Auto.properties.BestCandidate.Score}' }] },
];

for (const c of errors) test(`automl error: ${c.name}`, () => runErrors(c));
