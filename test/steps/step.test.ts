import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDefinitionSchema } from '../../src/check/definition-schema/index.js';
import { at, def, stepDefinitionNames } from '../../src/check/definition-schema/json.js';
import { KIND_LIST } from '../../src/steps/index.js';
import { RAW_STEP_TYPES, type RawStepType } from '../../src/steps/step.js';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const MODEL = `  Model:
    kind: model
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1
    modelData: s3://b/model.tar.gz
`;

const TRANSFORM_ARGS = `    arguments:
      ModelName: \${steps.Model.name}
      TransformInput: { DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "\${params.Input}" } }, ContentType: text/csv }
      TransformOutput: { S3OutputPath: "s3://b/out/\${execution.id}" }
      TransformResources: { InstanceType: ml.m5.large, InstanceCount: 1 }
`;

const ok: OkCase[] = [
  {
    name: 'a Transform step: Arguments as written, expressions lowered, cache and retry, properties by path',
    spec: `${HEADER}parameters:
  Input: { type: string, default: s3://b/in }
steps:
${MODEL}  Batch:
    kind: step
    type: Transform
    displayName: Batch scoring
    cache: false
    retry: capacity
${TRANSFORM_ARGS}  Done:
    kind: fail
    message: "\${steps.Batch.properties.TransformOutput.S3OutputPath}"
`,
    steps: {
      Batch: {
        Name: 'Batch',
        Type: 'Transform',
        Arguments: {
          ModelName: { Get: 'Steps.Model.ModelName' },
          TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: { Get: 'Parameters.Input' } } }, ContentType: 'text/csv' },
          TransformOutput: { S3OutputPath: { 'Std:Join': { On: '', Values: ['s3://b/out/', { Get: 'Execution.PipelineExecutionId' }] } } },
          TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
        },
        DisplayName: 'Batch scoring',
        RetryPolicies: [
          { ExceptionType: ['Step.SERVICE_FAULT', 'Step.THROTTLING'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 5 },
          { ExceptionType: ['SageMaker.JOB_INTERNAL_ERROR', 'SageMaker.CAPACITY_ERROR', 'SageMaker.RESOURCE_LIMIT'], IntervalSeconds: 300, BackoffRate: 1.5, ExpireAfterMin: 720 },
        ],
      },
      Done: { Name: 'Done', Type: 'Fail', Arguments: { ErrorMessage: { Get: 'Steps.Batch.TransformOutput.S3OutputPath' } } },
    },
  },
  {
    name: 'a Lambda step with its envelope; OutputParameters read by path; an EMR step\'s properties by its Describe shape (EmrStep)',
    spec: `${HEADER}steps:
  Notify:
    kind: step
    type: Lambda
    envelope:
      FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:notify
      OutputParameters: [{ OutputName: status, OutputType: String }]
    arguments: { channel: ops }
  Cluster:
    kind: step
    type: EMR
    arguments:
      ClusterId: j-1ABCDEFGHIJKL
      StepConfig: { HadoopJarStep: { Jar: command-runner.jar, Args: [spark-submit, "\${steps.Notify.properties.OutputParameters['status']}"] } }
  Done:
    kind: fail
    message: "\${steps.Cluster.properties.Status.State}"
`,
    steps: {
      Notify: {
        Name: 'Notify',
        Type: 'Lambda',
        Arguments: { channel: 'ops' },
        FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:notify',
        OutputParameters: [{ OutputName: 'status', OutputType: 'String' }],
      },
      Cluster: {
        Name: 'Cluster',
        Type: 'EMR',
        Arguments: {
          ClusterId: 'j-1ABCDEFGHIJKL',
          StepConfig: { HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', { Get: "Steps.Notify.OutputParameters['status']" }] } },
        },
      },
      Done: { Name: 'Done', Type: 'Fail', Arguments: { ErrorMessage: { Get: 'Steps.Cluster.Status.State' } } },
    },
  },
  {
    name: 'a Processing step declaring a property file: a condition reads it with reports.NAME.path',
    spec: `${HEADER}steps:
  Eval:
    kind: step
    type: Processing
    envelope:
      PropertyFiles: [{ PropertyFileName: evaluation, OutputName: metrics, FilePath: evaluation.json }]
    arguments:
      ProcessingResources: { ClusterConfig: { InstanceType: ml.m5.large, InstanceCount: 1, VolumeSizeInGB: 30 } }
      AppSpecification: { ImageUri: 111122223333.dkr.ecr.us-east-1.amazonaws.com/eval:1 }
      RoleArn: arn:aws:iam::111122223333:role/Pipeline
      ProcessingOutputConfig: { Outputs: [{ OutputName: metrics, S3Output: { S3Uri: s3://b/metrics, LocalPath: /opt/ml/processing/output, S3UploadMode: EndOfJob } }] }
  Gate:
    kind: condition
    when: \${steps.Eval.reports.evaluation.accuracy} >= 0.5
`,
    steps: {
      Gate: {
        Name: 'Gate',
        Type: 'Condition',
        Arguments: {
          Conditions: [{
            Type: 'GreaterThanOrEqualTo',
            LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Eval.PropertyFiles.evaluation' }, Path: 'accuracy' } },
            RightValue: 0.5,
          }],
          IfSteps: [],
          ElseSteps: [],
        },
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'a Type the definition does not have; a condition is the condition kind',
    spec: `${HEADER}steps:\n  A:\n    kind: step\n    type: Transfrom\n  B:\n    kind: step\n    type: Condition\n`,
    expect: [{ code: 'SMP2004', at: 'Transfrom' }, { code: 'SMP2004', at: 'Condition' }],
  },
  {
    name: 'an envelope member the Type does not take, or one that has its own field',
    spec: `${HEADER}steps:\n  A:\n    kind: step\n    type: Lambda\n    envelope: { FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f, SqsQueueUrl: q, CacheConfig: { Enabled: true } }\n`,
    expect: [{ code: 'SMP2001', at: 'SqsQueueUrl' }, { code: 'SMP2001', at: 'CacheConfig' }],
  },
  {
    name: 'cache and retry where the Type takes neither',
    spec: `${HEADER}steps:\n  A:\n    kind: step\n    type: Fail\n    cache: P1D\n    arguments: { ErrorMessage: stop }\n  B:\n    kind: step\n    type: Lambda\n    retry: standard\n    envelope: { FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f }\n`,
    expect: [{ code: 'SMP5006', at: 'cache:' }, { code: 'SMP5005', at: 'retry:' }],
  },
  {
    name: 'Arguments against the Create* request shape; a property path against the Describe* shape',
    spec: `${HEADER}parameters:\n  Input: { type: string, default: s3://b/in }\nsteps:\n${MODEL}  Batch:\n    kind: step\n    type: Transform\n${TRANSFORM_ARGS}      BatchStratgy: MultiRecord\n  Done:\n    kind: fail\n    message: "\${steps.Batch.properties.TransformOutput.S3Path}"\n`,
    expect: [{ code: 'SMP8001', at: 'BatchStratgy' }, { code: 'SMP3008', at: '${steps.Batch.properties' }],
  },
  {
    name: 'a property file the envelope does not declare; a property without a path',
    spec: `${HEADER}steps:\n  A:\n    kind: step\n    type: Lambda\n    envelope: { FunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f }\n  B:\n    kind: fail\n    message: "\${steps.A.reports.evaluation.accuracy} \${steps.A.status}"\n`,
    expect: [{ code: 'SMP3007', at: '${steps.A.reports' }, { code: 'SMP3013', at: '${steps.A.status}' }],
  },
  {
    name: 'the definition schema checks what no API shape covers, at the line it comes from',
    spec: `${HEADER}steps:\n  A:\n    kind: step\n    type: Fail\n    arguments:\n      ErrorMessage: [stopped]\n  B:\n    kind: step\n    type: Lambda\n    envelope: { FunctionArn: 7 }\n`,
    expect: [{ code: 'SMP8006', at: '[stopped]' }, { code: 'SMP8006', at: '7 }' }],
  },
];

for (const c of ok) test(`step ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`step error: ${c.name}`, () => runErrors(c));

/** Each step Type of the corrected definition schema: what its step object may hold beside Arguments. */
function schemaTypes(): Map<string, { members: string[] }> {
  const schema = buildDefinitionSchema();
  const out = new Map<string, { members: string[] }>();
  for (const name of stepDefinitionNames(schema)) {
    const definition = def(schema, name);
    const type = (at(definition, 'properties', 'Type').enum as string[])[0] as string;
    out.set(type, { members: Object.keys(at(definition, 'properties')) });
  }
  return out;
}

const COMMON = ['Name', 'Type', 'Arguments', 'DependsOn', 'DisplayName', 'Description', 'CacheConfig', 'RetryPolicies'];

test('the raw step table is the corrected definition schema: every Type but Condition, with its cache, retry and envelope members', () => {
  const types = schemaTypes();
  assert.deepEqual([...types.keys()].filter((t) => t !== 'Condition').sort(), Object.keys(RAW_STEP_TYPES).sort());
  for (const [type, { members }] of types) {
    if (type === 'Condition') continue;
    const row = RAW_STEP_TYPES[type as RawStepType];
    assert.equal(row.cache, members.includes('CacheConfig'), `${type}: CacheConfig`);
    assert.equal(row.retry.length > 0, members.includes('RetryPolicies'), `${type}: RetryPolicies`);
    assert.deepEqual([...row.envelope].sort(), members.filter((m) => !COMMON.includes(m)).sort(), `${type}: envelope members`);
  }
});

test('a Type some kind compiles to accepts the same cache and retry policies in the raw step', () => {
  for (const kind of KIND_LIST) {
    if (kind.kind === 'step' || kind.type === 'Condition') continue;
    const row = RAW_STEP_TYPES[kind.type as RawStepType];
    assert.equal(row.cache, kind.supportsCache, `${kind.kind}: cache`);
    assert.deepEqual([...row.retry], [...kind.retryExceptions], `${kind.kind}: retry`);
  }
});
