import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const spec = (body: string, extra = '') => `${HEADER}${extra}steps:
  Score:
    kind: transform
    model: churn-model
    instance: { type: ml.m5.xlarge }
${body}`;

test('transform: defaults as _TransformJob prepares them (S3Prefix input, per-execution output, one instance)', () => {
  const a = compiledSteps(spec('    input: s3://b/test\n')).Score.Arguments;
  assert.equal(a.ModelName, 'churn-model');
  assert.deepEqual(a.TransformInput, { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/test' } } });
  assert.deepEqual(a.TransformOutput.S3OutputPath['Std:Join'].Values.slice(-3), [{ Get: 'Execution.PipelineExecutionId' }, 'Score', 'output']);
  assert.deepEqual(a.TransformResources, { InstanceCount: 1, InstanceType: 'ml.m5.xlarge' });
  assert.deepEqual(Object.keys(a), ['ModelName', 'TransformInput', 'TransformOutput', 'TransformResources']);
});

test('transform: every setting, in Session._get_transform_request order; output and Describe properties', () => {
  const steps = compiledSteps(spec(`    input: { source: s3://b/test.jsonl, type: ManifestFile, contentType: application/jsonlines, split: Line, compression: Gzip }
    output: { path: s3://b/out, accept: application/jsonlines, assemble: Line }
    strategy: SingleRecord
    maxPayloadMb: 0
    maxConcurrent: 8
    join: Input
    inputFilter: "$.features"
    outputFilter: "$['id','SageMakerOutput']"
    modelClient: { timeout: 120, retries: 3 }
    environment: { THREADS: 4 }
    tags: { purpose: scoring }
  Report:
    kind: fail
    message: "\${steps.Score.output} \${steps.Score.properties.TransformJobStatus}"
`));
  const a = steps.Score.Arguments;
  assert.deepEqual(Object.keys(a), ['ModelName', 'TransformInput', 'TransformOutput', 'TransformResources', 'BatchStrategy', 'MaxConcurrentTransforms', 'MaxPayloadInMB', 'Environment', 'Tags', 'DataProcessing', 'ModelClientConfig']);
  assert.deepEqual(a.TransformInput, { DataSource: { S3DataSource: { S3DataType: 'ManifestFile', S3Uri: 's3://b/test.jsonl' } }, ContentType: 'application/jsonlines', CompressionType: 'Gzip', SplitType: 'Line' });
  assert.deepEqual(a.TransformOutput, { S3OutputPath: 's3://b/out', AssembleWith: 'Line', Accept: 'application/jsonlines' });
  assert.equal(a.MaxPayloadInMB, 0);
  assert.deepEqual(a.DataProcessing, { InputFilter: '$.features', OutputFilter: "$['id','SageMakerOutput']", JoinSource: 'Input' });
  assert.deepEqual(a.ModelClientConfig, { InvocationsTimeoutInSeconds: 120, InvocationsMaxRetries: 3 });
  assert.deepEqual(a.Environment, { THREADS: '4' });
  assert.deepEqual(steps.Report.Arguments.ErrorMessage['Std:Join'].Values, [{ Get: 'Steps.Score.TransformOutput.S3OutputPath' }, ' ', { Get: 'Steps.Score.TransformJobStatus' }]);
});

test('transform: a model step\'s name makes the order; the output KMS key and volume key from defaults', () => {
  const steps = compiledSteps(`${HEADER.replace('defaults:\n', 'defaults:\n  kms: { volume: alias/v, output: alias/o }\n')}steps:
  Model:
    kind: model
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/serve:1
    modelData: s3://b/model.tar.gz
  Score:
    kind: transform
    model: \${steps.Model.name}
    instance: { type: ml.m5.xlarge, count: 3 }
    input: s3://b/test
`);
  const a = steps.Score.Arguments;
  assert.deepEqual(a.ModelName, { Get: 'Steps.Model.ModelName' });
  assert.equal(a.TransformOutput.KmsKeyId, 'alias/o');
  assert.deepEqual(a.TransformResources, { InstanceCount: 3, InstanceType: 'ml.m5.xlarge', VolumeKmsKeyId: 'alias/v' });
});

const errors: ErrorCase[] = [
  { name: 'a split type Batch Transform does not know', spec: spec('    input: { source: s3://b/x, split: Paragraph }\n'), expect: [{ code: 'SMP2004', at: 'Paragraph' }] },
  { name: 'input missing', spec: spec(''), expect: [{ code: 'SMP2002', at: 'Score:' }] },
  { name: 'a retry count Batch Transform refuses', spec: spec('    input: s3://b/x\n    modelClient: { retries: 5 }\n'), expect: [{ code: 'SMP2005', at: '5 }' }] },
  { name: 'an unknown transform property', spec: spec('    input: s3://b/x\n  F:\n    kind: fail\n    message: "${steps.Score.outputs.x}"\n'), expect: [{ code: 'SMP3013', at: '${steps.Score.outputs.x}' }] },
  { name: 'a Describe path DescribeTransformJob lacks', spec: spec('    input: s3://b/x\n  F:\n    kind: fail\n    message: "${steps.Score.properties.TransformOutputs}"\n'), expect: [{ code: 'SMP3008', at: '${steps.Score.properties.TransformOutputs}' }] },
];

for (const c of errors) test(`transform error: ${c.name}`, () => runErrors(c));
