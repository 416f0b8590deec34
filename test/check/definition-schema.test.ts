import AjvModule from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { awsSchema } from '../../src/check/definition-schema/aws-schema.js';
import { CORRECTIONS } from '../../src/check/definition-schema/corrections/index.js';
import { generatedFiles } from '../../src/check/definition-schema/generated.js';
import { SCHEMA_CORRECTIONS, buildDefinitionSchema, validateDefinition } from '../../src/check/definition-schema/index.js';
import type { JsonObject } from '../../src/check/definition-schema/json.js';
import { compileSchema } from '../../src/check/definition-schema/standalone.js';

const root = new URL('../../', import.meta.url);
/** Copy of ../shared/reference/sdk-v2-dpo-reference.json: what SDK v2.240 emits for a DPO pipeline. */
const reference = JSON.parse(readFileSync(new URL('fixtures/sdk-v2-dpo-reference.json', import.meta.url), 'utf8')) as unknown;

/** Every correction except `skip`, to show that one correction alone makes the difference. */
function correctedWithout(skip: string): JsonObject {
  const schema = awsSchema();
  for (const correction of CORRECTIONS) if (correction.id !== skip) correction.apply(schema);
  return schema;
}
/** The vendored schema, as published (non-strict: it holds a misplaced keyword). */
const raw = compileSchema(awsSchema(), false);
/** A yes/no validator: no error details, unoptimised code; compiles ~40% faster. */
const YES_NO = { allErrors: false, verbose: false, code: { optimize: false } };

const pipeline = (steps: unknown[], extra: object = {}) => ({ Version: '2020-12-01', ...extra, Steps: steps });
const fail = (message: unknown = 'stop') => ({ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: message } });
const get = (path: string) => ({ Get: path });
const jsonGet = (path: string) => ({ 'Std:JsonGet': { PropertyFile: get('Steps.Eval.PropertyFiles.Report'), Path: path } });
const condition = (conditions: unknown[], ifSteps: unknown[] = [fail()]) =>
  ({ Name: 'Gate', Type: 'Condition', Arguments: { Conditions: conditions, IfSteps: ifSteps, ElseSteps: [] } });
const training = (extra: object = {}, args: object = {}) => ({
  Name: 'Train', Type: 'Training', ...extra,
  Arguments: {
    AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
    OutputDataConfig: { S3OutputPath: 's3://b/out' },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    RoleArn: 'arn:aws:iam::111122223333:role/R', StoppingCondition: { MaxRuntimeInSeconds: 3600 }, ...args,
  },
});
const processing = (extra: object = {}, input: object = {}) => ({
  Name: 'Eval', Type: 'Processing', ...extra,
  Arguments: {
    AppSpecification: { ImageUri: 'img' },
    ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
    RoleArn: 'arn:aws:iam::111122223333:role/R',
    ProcessingInputs: [{ InputName: 'code', S3Input: { S3Uri: 's3://b/c', LocalPath: '/opt/ml/processing/input/code' }, ...input }],
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'evaluation', S3Output: { S3Uri: 's3://b/e', LocalPath: '/opt/ml/processing/evaluation', S3UploadMode: 'EndOfJob' } }] },
  },
});
const variant = (weight = 1) => ({ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, InitialVariantWeight: weight });
const endpointConfig = (weight = 1) =>
  ({ Name: 'Config', Type: 'EndpointConfig', Arguments: { EndpointConfigName: 'c', ProductionVariants: [variant(weight)] } });
const model = (url: unknown) =>
  ({ Name: 'Model', Type: 'Model', Arguments: { ExecutionRoleArn: 'arn:aws:iam::1:role/R', PrimaryContainer: { Image: 'img', ModelDataUrl: url } } });
const tuning = {
  Name: 'Tune', Type: 'Tuning',
  Arguments: {
    HyperParameterTuningJobConfig: { ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 }, Strategy: 'Bayesian' },
    WarmStartConfig: { ParentHyperParameterTuningJobs: [{ HyperParameterTuningJobName: 'old' }], WarmStartType: 'TransferLearning' },
  },
};

const tuningDefinition = (resources: object) => ({
  AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
  OutputDataConfig: { S3OutputPath: 's3://b/out' },
  RoleArn: 'arn:aws:iam::111122223333:role/R',
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  ...resources,
});
const tuningWith = (config: object) => ({
  Name: 'Tune', Type: 'Tuning',
  Arguments: { HyperParameterTuningJobConfig: { ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 }, Strategy: 'Bayesian', ...config } },
});
const check = (type: string, extra: object) => ({ Name: 'Check', Type: type, CheckType: type === 'QualityCheck' ? 'DATA_QUALITY' : 'DATA_BIAS', Arguments: processing().Arguments, ...extra });
const emrStep = (args: object, extra: object = {}) => ({ Name: 'Spark', Type: 'EMR', Arguments: { StepConfig: { HadoopJarStep: { Jar: 'command-runner.jar' } }, ...args }, ...extra });

/** For each `service` correction: a minimal definition SageMaker accepts that only it admits. */
const EXAMPLES: Record<string, unknown> = {
  'pipeline-experiment-config': pipeline([fail()], {
    PipelineExperimentConfig: { ExperimentName: get('Execution.PipelineName'), TrialName: get('Execution.PipelineExecutionId') },
  }),
  'string-parameter-enum-values': pipeline([fail()], {
    Parameters: [{ Name: 'InstanceType', Type: 'String', DefaultValue: 'ml.g5.48xlarge', EnumValues: ['ml.g5.48xlarge', 'ml.g5.12xlarge'] }],
  }),
  'std-join-in-string-values': pipeline([training({}, { HyperParameters: { beta: { 'Std:Join': { On: '', Values: [get('Parameters.Beta')] } } } })]),
  'std-json-get-in-string-values': pipeline([fail(jsonGet('metrics.accuracy.value'))]),
  'condition-in-query-value': pipeline([condition([{ Type: 'In', QueryValue: get('Parameters.Env'), Values: ['dev', 'prod'] }])]),
  'condition-not-and-nesting': pipeline([condition([{ Type: 'Not', Expression: { Type: 'Or', Conditions: [
    { Type: 'Equals', LeftValue: get('Parameters.A'), RightValue: 1 },
    { Type: 'Not', Expression: { Type: 'LessThan', LeftValue: 1, RightValue: 2 } },
  ] } }])]),
  'step-display-name-free-text': pipeline([{ ...fail(), DisplayName: 'Stop: the model is too weak' }]),
  'endpoint-config-step-type': pipeline([endpointConfig()]),
  'endpoint-steps-cache-and-retry': pipeline([{ Name: 'Deploy', Type: 'Endpoint', Arguments: { EndpointName: 'e', EndpointConfigName: 'c' }, CacheConfig: { Enabled: true, ExpireAfter: 'P30D' } }]),
  'retry-exception-type-list': pipeline([training({ RetryPolicies: [{ ExceptionType: ['Step.SERVICE_FAULT', 'Step.THROTTLING'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }] })]),
  'processing-property-files': pipeline([processing({ PropertyFiles: [{ PropertyFileName: 'Report', OutputName: 'evaluation', FilePath: 'evaluation.json' }] })]),
  'callback-queue-url-expression': pipeline([{ Name: 'Rank', Type: 'Callback', Arguments: {}, SqsQueueUrl: get('Parameters.Queue'), OutputParameters: [{ OutputName: 'Manifest', OutputType: 'String' }] }]),
  'condition-branches-any-step': pipeline([condition([{ Type: 'Equals', LeftValue: 1, RightValue: 1 }], [model('s3://b/model.tar.gz')])]),
  'api-request-members': pipeline([processing({}, { AppManaged: false }), training({}, { Environment: { HF_HOME: '/tmp' } })]),
  'model-data-url-expression': pipeline([model(get('Steps.Train.ModelArtifacts.S3ModelArtifacts'))]),
  'variant-weight-float': pipeline([endpointConfig(0.5)]),
  'tuning-warm-start-required': pipeline([tuning]),
  'tuning-strategies': pipeline([tuningWith({ Strategy: 'Hyperband' })]),
  'tuning-limits-parameters': pipeline([tuningWith({ ResourceLimits: { MaxNumberOfTrainingJobs: get('Parameters.MaxJobs'), MaxParallelTrainingJobs: 2 } })]),
  'check-steps-fail-on-violation': pipeline([check('QualityCheck', { FailOnViolation: false }), { ...check('ClarifyCheck', { FailOnViolation: get('Parameters.Strict') }), Name: 'Bias' }]),
  'emr-step-arguments': pipeline([emrStep({ ClusterConfig: { Instances: { InstanceGroups: [] } } }), { ...emrStep({ ClusterId: 'j-1', ExecutionRoleArn: 'arn:aws:iam::1:role/R' }), Name: 'Other' }]),
  'emr-step-retry': pipeline([emrStep({ ClusterId: 'j-1' }, { RetryPolicies: [{ ExceptionType: ['Step.SERVICE_FAULT'], MaxAttempts: 2 }] })]),
  'emr-serverless-step': pipeline([{ Name: 'Serverless', Type: 'EMRServerless', Arguments: { ExecutionRoleArn: 'arn:aws:iam::1:role/R', ApplicationId: 'app', JobConfig: { executionRoleArn: 'arn:aws:iam::1:role/R', jobDriver: { sparkSubmit: { entryPoint: 's3://b/job.py' } } } } }]),
  'register-model-package-name': pipeline([{ Name: 'Register', Type: 'RegisterModel', Arguments: { ModelPackageName: 'p' } }]),
  'tuning-resource-config': pipeline([{ ...tuning, Arguments: { ...tuning.Arguments, TrainingJobDefinition: tuningDefinition({ HyperParameterTuningResourceConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } }) } }]),
};

describe('definition schema: AWS schema plus named corrections', () => {
  it('accepts the SDK v2.240 reference definition, which the raw AWS schema rejects', () => {
    assert.deepEqual(validateDefinition(reference), []);
    assert.equal(raw(reference), false);
  });

  it('lists each correction once, with a kebab-case id, a kind and a reason', () => {
    const ids = SCHEMA_CORRECTIONS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of SCHEMA_CORRECTIONS) {
      assert.match(c.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(c.why.length > 40, c.id);
    }
  });

  it('every correction has a test below', () => {
    const tested = new Set([...Object.keys(EXAMPLES), 'schema-identity', 'register-model-package-name', 'step-type-dispatch']);
    for (const { id } of SCHEMA_CORRECTIONS) assert.ok(tested.has(id), `no test for ${id}`);
  });

  for (const correction of CORRECTIONS.filter((c) => c.kind === 'service')) {
    it(`${correction.id}: raw AWS schema rejects, that correction admits`, () => {
      const example = EXAMPLES[correction.id];
      assert.ok(example, `add an example for ${correction.id}`);
      assert.equal(raw(example), false, 'raw AWS schema should reject');
      assert.equal(compileSchema(correctedWithout(correction.id), true, YES_NO)(example), false, 'rejected without it');
      assert.deepEqual(validateDefinition(example), []);
    });
  }

  it('schema-identity: pinned to draft-07 and named as ours, not as the AWS file', () => {
    const ours = buildDefinitionSchema();
    assert.equal(ours['$schema'], 'http://json-schema.org/draft-07/schema#');
    assert.notEqual(ours['$id'], awsSchema()['$id']);
    assert.equal(new AjvModule.default().validateSchema(ours), true, 'valid against the draft-07 meta-schema');
  });

  it('register-model-package-name: the misplaced keyword fails strict compilation until moved', () => {
    assert.throws(() => compileSchema(correctedWithout('register-model-package-name'), true, YES_NO), /unknown keyword: "ModelPackageName"/);
    compileSchema(buildDefinitionSchema(), true, YES_NO); // strict: no unknown keyword left
  });

  it('step-type-dispatch: one bad field is one error at that field, not one per step shape', () => {
    const bad = pipeline([training({}, { Bogus: 1 })]);
    raw(bad);
    assert.ok((raw.errors ?? []).length > 20);
    assert.deepEqual(validateDefinition(bad), [{ path: '/Steps/0/Arguments/Bogus', message: 'unknown property "Bogus"' }]);
  });

  it('nested branch steps are checked with the same shapes', () => {
    const bad = pipeline([condition([{ Type: 'Equals', LeftValue: 1, RightValue: 1 }], [training({}, { Bogus: 1 })])]);
    assert.deepEqual(validateDefinition(bad).map((p) => p.path), ['/Steps/0/Arguments/IfSteps/0/Arguments/Bogus']);
  });

  it('PipelineExperimentConfig may be null, as the SDK writes when experiments are off', () => {
    assert.deepEqual(validateDefinition(pipeline([fail()], { PipelineExperimentConfig: null })), []);
  });

  const rejected: [string, unknown, string, RegExp][] = [
    ['unknown step Type', pipeline([{ ...fail(), Type: 'Sleep' }]), '/Steps/0/Type', /"Sleep" is not allowed/],
    ['missing step Name', pipeline([{ Type: 'Fail', Arguments: {} }]), '/Steps/0', /"Name"/],
    ['missing step Type', pipeline([{ Name: 'A', Arguments: {} }]), '/Steps/0', /"Type"/],
    ['bad Version', { ...pipeline([fail()]), Version: '2021-01-01' }, '/Version', /2020-12-01/],
    ['unknown top-level key', pipeline([fail()], { Tags: [] }), '/Tags', /unknown property/],
    ['Std:Join without On', pipeline([fail({ 'Std:Join': { Values: ['a'] } })]), '/Steps/0/Arguments/ErrorMessage/Std:Join', /"On"/],
    ['unknown function', pipeline([fail({ 'Std:Concat': ['a'] })]), '/Steps/0/Arguments/ErrorMessage', /Get, Std:Join, Std:JsonGet/],
    ['JsonGet without a source', pipeline([fail({ 'Std:JsonGet': { Path: 'a' } })]), '/Steps/0/Arguments/ErrorMessage/Std:JsonGet', /PropertyFile, S3Uri/],
    ['retry with both limits', pipeline([training({ RetryPolicies: [{ ExceptionType: ['Step.THROTTLING'], MaxAttempts: 2, ExpireAfterMin: 5 }] })]), '/Steps/0/RetryPolicies/0', /both/],
    ['unknown exception type', pipeline([training({ RetryPolicies: [{ ExceptionType: ['Step.OOPS'], MaxAttempts: 2 }] })]), '/Steps/0/RetryPolicies/0/ExceptionType/0', /Step\.OOPS/],
    ['literal model URL not s3/https', pipeline([model('ftp://x/m.tar.gz')]), '/Steps/0/Arguments/PrimaryContainer/ModelDataUrl', /pattern/],
    ['unknown condition Type', pipeline([condition([{ Type: 'And', Conditions: [] }])]), '/Steps/0/Arguments/Conditions/0/Type', /"And" is not allowed/],
    ['Steps missing', { Version: '2020-12-01' }, '', /"Steps"/],
  ];
  for (const [name, definition, path, message] of rejected) {
    it(`still rejects: ${name}`, () => {
      const problems = validateDefinition(definition);
      assert.ok(problems.some((p) => p.path === path && message.test(p.message)), JSON.stringify(problems));
    });
  }

  it('never throws on non-objects', () => {
    for (const value of [null, 1, 'x', [], undefined]) assert.ok(validateDefinition(value).length > 0);
  });

  it('committed schema and precompiled validator are current (npx tsx scripts/gen-definition-schema.ts)', () => {
    for (const { path, text } of generatedFiles()) {
      assert.equal(readFileSync(new URL(path, root), 'utf8'), text, `${path} is stale`);
    }
  });

  it('is deterministic: building twice gives the same bytes', () => {
    assert.equal(JSON.stringify(buildDefinitionSchema()), JSON.stringify(buildDefinitionSchema()));
  });
});
