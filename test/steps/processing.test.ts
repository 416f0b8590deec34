import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { HEADER, runErrors, stepsByName, type ErrorCase } from './harness.js';

const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/tool:1';
const spec = (body: string, extra = '') => `${HEADER}${extra}steps:
  Prep:
    kind: processing
    image: ${IMAGE}
    instance: { type: ml.m5.xlarge }
${body}`;

function prep(text: string): Record<string, unknown> {
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.message}`), []);
  return stepsByName(result.definition).Prep as Record<string, unknown>;
}

const args = (step: Record<string, unknown>) => step.Arguments as Record<string, any>;

test('processing: defaults of a plain container (SDK shapes)', () => {
  const step = prep(spec(''));
  assert.deepEqual(args(step).ProcessingResources, { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } });
  assert.deepEqual(args(step).AppSpecification, { ImageUri: IMAGE });
  assert.equal(args(step).RoleArn, 'arn:aws:iam::111122223333:role/Pipeline');
  assert.equal(step.CacheConfig, undefined);
});

test('processing: an output defaults to a per-execution destination, and outputs/reports resolve', () => {
  const text = spec(`    outputs: { data: {}, eval: { path: /opt/ml/processing/eval } }
    reports: { metrics: { output: eval, file: m.json } }
  Use:
    kind: fail
    message: "\${steps.Prep.outputs.data} \${steps.Prep.reports.metrics} \${steps.Prep.reports.metrics.a.b}"
`);
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics, []);
  const steps = stepsByName(result.definition) as Record<string, any>;
  assert.deepEqual(steps.Prep.Arguments.ProcessingOutputConfig.Outputs[0], {
    OutputName: 'data', AppManaged: false,
    S3Output: { S3Uri: { 'Std:Join': { On: '/', Values: ['s3:/', 'table-bucket', 'smpipe', { Get: 'Execution.PipelineExecutionId' }, 'Prep', 'output', 'data'] } }, LocalPath: '/opt/ml/processing/output/data', S3UploadMode: 'EndOfJob' },
  });
  assert.deepEqual(steps.Prep.PropertyFiles, [{ PropertyFileName: 'metrics', OutputName: 'eval', FilePath: 'm.json' }]);
  const values = steps.Use.Arguments.ErrorMessage['Std:Join'].Values;
  assert.deepEqual(values[0], { Get: "Steps.Prep.ProcessingOutputConfig.Outputs['data'].S3Output.S3Uri" });
  assert.deepEqual(values[2], { 'Std:Join': { On: '/', Values: [{ Get: "Steps.Prep.ProcessingOutputConfig.Outputs['eval'].S3Output.S3Uri" }, 'm.json'] } });
  assert.deepEqual(values[4], { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Prep.PropertyFiles.metrics' }, Path: 'a.b' } });
});

test('processing: code + entry adds the code archive and runproc.sh inputs like FrameworkProcessor', () => {
  const text = spec(`    code: ../golden/fixtures/code/prep
    entry: prep.py
`);
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics, []);
  const a = (stepsByName(result.definition) as Record<string, any>).Prep.Arguments;
  assert.deepEqual(a.AppSpecification.ContainerEntrypoint, ['/bin/bash', '/opt/ml/processing/input/entrypoint/runproc.sh']);
  const [code, entry] = a.ProcessingInputs;
  assert.equal(code.InputName, 'code');
  assert.equal(code.S3Input.LocalPath, '/opt/ml/processing/input/code/');
  assert.match(code.S3Input.S3Uri, /^s3:\/\/table-bucket\/smpipe\/assets\/[0-9a-f]{64}\/sourcedir\.tar\.gz$/);
  assert.match(entry.S3Input.S3Uri, /\/runproc\.sh$/);
  const runproc = result.assets.find((x) => x.name === 'runproc.sh');
  assert.match(runproc?.bytes.toString() ?? '', /prep\.py/);
});

test('processing: enterprise defaults reach NetworkConfig, KMS and Tags', () => {
  const text = `${HEADER.replace('defaults:\n', `defaults:
  network: { subnets: [subnet-0a], securityGroups: [sg-0b], isolation: true, interContainerEncryption: true }
  kms: { volume: alias/v, output: alias/o }
  tags: { team: ml }
`)}steps:
  Prep:
    kind: processing
    image: ${IMAGE}
    instance: { type: ml.m5.xlarge }
    outputs: { o: {} }
    tags: { cost: lab }
`;
  const a = args(prep(text));
  assert.deepEqual(a.NetworkConfig, { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true, VpcConfig: { SecurityGroupIds: ['sg-0b'], Subnets: ['subnet-0a'] } });
  assert.equal(a.ProcessingResources.ClusterConfig.VolumeKmsKeyId, 'alias/v');
  assert.equal(a.ProcessingOutputConfig.KmsKeyId, 'alias/o');
  assert.deepEqual(a.Tags, [{ Key: 'team', Value: 'ml' }, { Key: 'cost', Value: 'lab' }]);
});

const errors: ErrorCase[] = [
  { name: 'code and entrypoint together', spec: spec('    code: test/golden/fixtures/code/prep\n    entry: prep.py\n    entrypoint: [python3]\n'), expect: [{ code: 'SMP2007', at: '[python3]' }] },
  { name: 'source and file together', spec: spec('    inputs: { a: { source: "s3://b/x", file: x.txt } }\n'), expect: [{ code: 'SMP2007', at: '{ source' }] },
  { name: 'an input with neither', spec: spec('    inputs: { a: { mode: File } }\n'), expect: [{ code: 'SMP2002', at: '{ mode' }] },
  { name: 'report names an undeclared output', spec: spec('    outputs: { o: {} }\n    reports: { r: { output: nope, file: x.json } }\n'), expect: [{ code: 'SMP3006', at: 'nope' }] },
  { name: 'unknown report property', spec: spec('    outputs: { o: {} }\n  Use: { kind: fail, message: "${steps.Prep.reports.nope.x}" }\n'), expect: [{ code: 'SMP3007', at: '${steps.Prep.reports.nope.x}' }] },
  { name: 'bad instance type is an API enum error at instance.type', spec: spec('').replace('ml.m5.xlarge', 'ml.m5.huge'), expect: [{ code: 'SMP8003', at: 'ml.m5.huge' }] },
];
for (const c of errors) test(`processing error: ${c.name}`, () => runErrors(c));
