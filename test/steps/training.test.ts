import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { HEADER, runErrors, stepsByName, type ErrorCase } from './harness.js';

const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1';
const spec = (body: string, extra = '') => `${HEADER}${extra}steps:
  Train:
    kind: training
    image: ${IMAGE}
    instance: { type: ml.g5.2xlarge }
${body}`;

function train(text: string): Record<string, any> {
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.message}`), []);
  return (stepsByName(result.definition) as Record<string, any>).Train;
}

test('training: defaults (output path per execution, 1 day max runtime, File mode)', () => {
  const a = train(spec('')).Arguments;
  assert.deepEqual(a.AlgorithmSpecification, { TrainingInputMode: 'File', TrainingImage: IMAGE });
  assert.deepEqual(a.StoppingCondition, { MaxRuntimeInSeconds: 86400 });
  assert.deepEqual(a.ResourceConfig, { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 30 });
  assert.deepEqual(a.OutputDataConfig.S3OutputPath['Std:Join'].Values.slice(-2), ['Train', 'model']);
});

test('training: script mode hyperparameters as the SDK writes them, torchrun', () => {
  const a = train(spec(`    code: ../golden/fixtures/code/trainer
    entry: train.py
    distribution: torchrun
    hyperparameters: { beta: "\${params.Beta}", epochs: 2, name: x }
`, 'parameters:\n  Beta: { type: float, default: 0.1 }\n')).Arguments;
  const hp = a.HyperParameters;
  assert.deepEqual(hp.beta, { 'Std:Join': { On: '', Values: [{ Get: 'Parameters.Beta' }] } });
  assert.equal(hp.epochs, '2');
  assert.equal(hp.name, '"x"', 'a literal string is JSON-encoded, as the SDK does (test/steps/hyperparameters.test.ts)');
  assert.equal(hp.sagemaker_program, '"train.py"');
  assert.match(hp.sagemaker_submit_directory, /^"s3:\/\/table-bucket\/smpipe\/assets\/[0-9a-f]{64}\/sourcedir\.tar\.gz"$/);
  assert.equal(hp.sagemaker_region, '"us-east-1"');
  assert.equal(hp.sagemaker_torch_distributed_enabled, 'true');
  assert.equal(hp.sagemaker_instance_type, 'ml.g5.2xlarge');
});

test('training: metrics, checkpoints, spot, uncompressed output, channels and exposed properties', () => {
  const text = spec(`    metrics: { loss: "loss=([0-9.]+)" }
    checkpoints: s3://b/ckpt
    spot: { enabled: true, maxWait: 90000 }
    uncompressedModel: true
    channels:
      train: s3://b/train
      test: { source: "s3://b/test", contentType: application/jsonlines, mode: FastFile }
  After:
    kind: fail
    message: "\${steps.Train.modelArtifacts} \${steps.Train.metrics.loss} \${steps.Train.properties.TrainingJobStatus}"
`);
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics, []);
  const steps = stepsByName(result.definition) as Record<string, any>;
  const a = steps.Train.Arguments;
  assert.deepEqual(a.AlgorithmSpecification.MetricDefinitions, [{ Name: 'loss', Regex: 'loss=([0-9.]+)' }]);
  assert.deepEqual(a.CheckpointConfig, { S3Uri: 's3://b/ckpt', LocalPath: '/opt/ml/checkpoints' });
  assert.equal(a.EnableManagedSpotTraining, true);
  assert.equal(a.StoppingCondition.MaxWaitTimeInSeconds, 90000);
  assert.equal(a.OutputDataConfig.CompressionType, 'NONE');
  assert.deepEqual(a.InputDataConfig[1], { ChannelName: 'test', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/test', S3DataDistributionType: 'FullyReplicated' } }, ContentType: 'application/jsonlines', InputMode: 'FastFile' });
  const values = steps.After.Arguments.ErrorMessage['Std:Join'].Values;
  assert.deepEqual(values[0], { Get: 'Steps.Train.ModelArtifacts.S3ModelArtifacts' });
  assert.deepEqual(values[2], { Get: "Steps.Train.FinalMetricDataList['loss'].Value" });
  assert.deepEqual(values[4], { Get: 'Steps.Train.TrainingJobStatus' });
});

const errors: ErrorCase[] = [
  { name: 'spot maxWait below maxRuntime', spec: spec('    maxRuntime: 7200\n    spot: { enabled: true, maxWait: 3600 }\n'), expect: [{ code: 'SMP2007', at: '3600' }] },
  { name: 'unknown metric', spec: spec('  After: { kind: fail, message: "${steps.Train.metrics.acc}" }\n'), expect: [{ code: 'SMP3006', at: '${steps.Train.metrics.acc}' }] },
  { name: 'unknown Describe path', spec: spec('  After: { kind: fail, message: "${steps.Train.properties.ModelArtifact.S3ModelArtifacts}" }\n'), expect: [{ code: 'SMP3008', at: '${steps.Train.properties' }] },
  { name: 'a float parameter as instance count', spec: spec('', 'parameters:\n  N: { type: float, default: 1 }\n').replace('{ type: ml.g5.2xlarge }', '{ type: ml.g5.2xlarge, count: "${params.N}" }'), expect: [{ code: 'SMP3010', at: '${params.N}' }] },
  { name: 'retry exception a Training step rejects is fine, an unknown one is a schema error', spec: spec('    retry: [{ on: [Step.EXPLODED] }]\n'), expect: [{ code: 'SMP2004', at: 'Step.EXPLODED' }] },
];
for (const c of errors) test(`training error: ${c.name}`, () => runErrors(c));
