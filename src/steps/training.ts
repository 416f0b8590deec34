import { problem } from '../diagnostics/messages.js';
import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, anyValue, boolean, integer, literalBoolean, map, object, oneOfText, stringMap, text, type Static } from '../spec/schema-helpers.js';
import { compressionField, distributionField, environmentField, jobFields, jobTagsField, maxRuntimeField, s3DataTypeField, s3InputModeField } from './shared/fields.js';
import { defaultCheckpointUri } from './shared/checkpoint-uri.js';
import { packCode } from './shared/code.js';
import { plainHyperparameter, pythonJsonDumps, scriptModeHyperparameter } from './shared/hyperparameters.js';
import { environment, jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';
import { setOwn } from '../util/own.js';

const channelSchema = anyOf('A data channel: an S3 URI / expression, or its settings. Appears at /opt/ml/input/data/<name>.', [
  text('S3 URI or an expression such as ${steps.Prepare.outputs.train}.'),
  object('Channel settings.', {
    source: text('S3 URI or expression.'),
    mode: s3InputModeField,
    contentType: text('MIME type of the data, e.g. application/jsonlines.'),
    distribution: distributionField,
    type: s3DataTypeField,
    compression: compressionField,
  }, ['source']),
]);

/** The training kind's fields: the tuning kind's `training:` takes the same (steps/tuning.ts). */
export const trainingFields = kindFields({
  ...jobFields,
  hyperparameters: map('Hyperparameters by name. In script mode (code + entry) each value is JSON-encoded as the SageMaker SDK does, and the training toolkit decodes it and passes str() of it as --key value: write numbers, booleans, lists, mappings and null as YAML values and text as strings. Without code each value is passed as text.', anyValue('A hyperparameter value; strings may hold ${...} expressions.')),
  channels: map('Input data channels by name.', channelSchema),
  output: text('S3 prefix for the model artifacts; default <artifacts>/<execution id>/<step>/model.'),
  uncompressedModel: boolean('Upload /opt/ml/model as plain files instead of model.tar.gz (large models load faster; modelArtifacts becomes a prefix).'),
  checkpoints: anyOf('Checkpoints synced with S3 so a retried or spot-interrupted job resumes: true for the default location, or an S3 URI.', [
    literalBoolean('true: <artifacts>/checkpoints/<step>/<hash of the job\'s configuration>/<its run-time inputs>, the same in every execution that would run the same job, so a retry or a re-run with the same inputs resumes and new inputs start afresh.'),
    text('S3 URI for checkpoints.'),
  ]),
  distribution: oneOfText('torchrun: one process per GPU on every instance (data parallel; multi-node when count > 1). none: one process per instance.', ['torchrun', 'none']),
  metrics: stringMap('Metrics parsed from the job log: name → regex with one capture group.', { type: 'string', maxLength: 500 }),
  spot: object('Managed spot training.', {
    enabled: literalBoolean('Use spot capacity.'),
    maxWait: integer('Seconds to wait for spot capacity plus run time; at least maxRuntime.', { min: 1 }),
  }),
  maxRuntime: maxRuntimeField,
  environment: environmentField,
  tags: jobTagsField,
}, ['image', 'instance']);

const fields = trainingFields;

export type TrainingSpec = SpecOf<typeof fields>;
type Spec = TrainingSpec;

export const training = defineKind({
  kind: 'training',
  type: 'Training',
  description: 'A SageMaker Training job, in script mode when code + entry are given (the Deep Learning Container runs the entry script with the hyperparameters as --key value arguments).',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateTrainingJobRequest',
    omit: ['TrainingJobName'],
    describe: 'DescribeTrainingJobResponse',
    origins: {
      AlgorithmSpecification: 'image',
      'AlgorithmSpecification.MetricDefinitions': 'metrics',
      ResourceConfig: 'instance',
      'ResourceConfig.InstanceType': 'instance/type',
      'ResourceConfig.InstanceCount': 'instance/count',
      'ResourceConfig.VolumeSizeInGB': 'instance/volumeGb',
      HyperParameters: 'hyperparameters',
      InputDataConfig: 'channels',
      OutputDataConfig: 'output',
      StoppingCondition: 'maxRuntime',
      CheckpointConfig: 'checkpoints',
      Environment: 'environment',
      RoleArn: 'role',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'modelArtifacts' && !rest) return { ok: true, type: 's3uri', get: `Steps.${request.stepName}.ModelArtifacts.S3ModelArtifacts` };
  if (head === 'metrics') return metricProperty(request, rest);
  if (head === 'properties') return describeProperty(request, 'DescribeTrainingJobResponse', rest);
  return unknownProperty(request, 'training', ['modelArtifacts', 'metrics.<name>', 'properties.<Describe path>']);
}

/** The final value of a metric the job logs (FinalMetricDataList). */
function metricProperty(request: PropertyRequest<Spec>, name: string): PropertyResult {
  const metrics = request.spec.metrics ?? {};
  if (Object.hasOwn(metrics, name)) {
    return { ok: true, type: 'float', get: `Steps.${request.stepName}.FinalMetricDataList['${name}'].Value` };
  }
  return { ok: false, problem: problem('SMP3006.noMetric', { step: request.stepName, name, metrics: Object.keys(metrics).join(', ') || '(none)' }) };
}

function compile(ctx: StepContext<Spec>) {
  return { arguments: trainingJobRequest(ctx) };
}

/** CreateTrainingJob's request from the training fields, wherever they stand (a training step, a tuning step's `training:`). */
export function trainingJobRequest(ctx: StepContext<Spec>): Record<string, Json> {
  const args: Record<string, Json> = {};
  args.AlgorithmSpecification = algorithmSpecification(ctx);
  args.OutputDataConfig = outputDataConfig(ctx);
  args.StoppingCondition = stoppingCondition(ctx);
  args.ResourceConfig = resourceConfig(ctx);
  put(args, 'RoleArn', ctx.role(ctx.at('role')));
  const channels = inputDataConfig(ctx, ctx.at('channels'));
  if (channels.length) args.InputDataConfig = channels;
  put(args, 'HyperParameters', hyperParameters(ctx));
  put(args, 'Environment', environment(ctx, ctx.at('environment')));
  put(args, 'CheckpointConfig', checkpointConfig(ctx, args));
  put(args, 'VpcConfig', vpcConfig(ctx));
  const network = ctx.defaults.network;
  if (network?.isolation !== undefined) args.EnableNetworkIsolation = network.isolation;
  if (network?.interContainerEncryption !== undefined) args.EnableInterContainerTrafficEncryption = network.interContainerEncryption;
  if (ctx.spec.spot?.enabled) args.EnableManagedSpotTraining = true;
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return args;
}

function algorithmSpecification(ctx: StepContext<Spec>): Json {
  const spec: Record<string, Json> = { TrainingInputMode: 'File' };
  put(spec, 'TrainingImage', ctx.image(ctx.at('image')));
  const metrics = ctx.at('metrics').entries();
  if (metrics.length) {
    spec.MetricDefinitions = metrics.map(([name, regex]) => ({ Name: name, Regex: String(ctx.compileTime(regex)) }));
    spec.EnableSageMakerMetricsTimeSeries = true;
  }
  return spec;
}

function outputDataConfig(ctx: StepContext<Spec>): Json {
  const config: Record<string, Json> = { S3OutputPath: ctx.value(ctx.at('output'), 's3uri') ?? ctx.executionUri('model') };
  put(config, 'KmsKeyId', ctx.defaults.kms?.output);
  if (ctx.spec.uncompressedModel === true) config.CompressionType = 'NONE';
  return config;
}

function stoppingCondition(ctx: StepContext<Spec>): Json {
  const maxRuntime = ctx.value(ctx.at('maxRuntime'), 'integer') ?? 86400;
  const condition: Record<string, Json> = { MaxRuntimeInSeconds: maxRuntime };
  const spot = ctx.at('spot');
  if (spot.raw?.enabled) {
    const maxWait = ctx.value(spot.at('maxWait'), 'integer');
    if (maxWait === undefined) ctx.report('SMP2007.spotMaxWait', spot);
    else if (typeof maxWait === 'number' && typeof maxRuntime === 'number' && maxWait < maxRuntime) {
      ctx.report('SMP2007.maxWaitBelowRuntime', spot.at('maxWait'), { maxWait, maxRuntime });
    }
    put(condition, 'MaxWaitTimeInSeconds', maxWait);
  }
  return condition;
}

function resourceConfig(ctx: StepContext<Spec>): Json {
  const instance = ctx.at('instance');
  const config: Record<string, Json> = {
    InstanceType: ctx.value(instance.at('type'), 'string'),
    InstanceCount: ctx.value(instance.at('count'), 'integer') ?? 1,
    VolumeSizeInGB: ctx.value(instance.at('volumeGb'), 'integer') ?? 30,
  };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  return config;
}

function inputDataConfig(ctx: StepServices, channels: Field<Readonly<Record<string, Static<typeof channelSchema>>> | undefined>): Json[] {
  return channels.entries().map(([name, written]) => {
    const channel = written.settings('source');
    const { type, distribution, contentType, compression, mode } = channel.raw;
    const s3: Record<string, Json> = { S3DataType: type ?? 'S3Prefix', S3Uri: ctx.value(channel.at('source'), 's3uri'), S3DataDistributionType: distribution ?? 'FullyReplicated' };
    const out: Record<string, Json> = { ChannelName: name, DataSource: { S3DataSource: s3 } };
    if (contentType) out.ContentType = contentType;
    if (compression) out.CompressionType = compression;
    if (mode) out.InputMode = mode;
    return out;
  });
}

/**
 * User hyperparameters, then script mode's sagemaker_* entries. In script mode every value is
 * encoded as the SDK does (shared/hyperparameters.ts), so the toolkit hands the script what the
 * spec says; outside it the container reads the text as written.
 */
function hyperParameters(ctx: StepContext<Spec>): Json | undefined {
  const out: Record<string, Json> = {};
  const script = ctx.spec.code !== undefined && ctx.spec.entry !== undefined;
  for (const [key, value] of ctx.at('hyperparameters').entries()) {
    const encoded = script ? scriptModeHyperparameter(ctx, value) : plainHyperparameter(ctx, value, key);
    if (encoded !== undefined) setOwn(out, key, encoded);
  }
  Object.assign(out, scriptMode(ctx));
  return Object.keys(out).length ? out : undefined;
}

function scriptMode(ctx: StepContext<Spec>): Record<string, Json> {
  const packed = packCode(ctx, ctx.step);
  if (!packed) return {};
  const { script, archive } = packed;
  const out: Record<string, Json> = {
    sagemaker_program: pythonJsonDumps(script),
    sagemaker_submit_directory: pythonJsonDumps(archive ?? ''),
    sagemaker_container_log_level: '20',
  };
  const region = ctx.compileTimeRegion();
  if (region) out.sagemaker_region = pythonJsonDumps(region);
  if (ctx.spec.distribution === 'torchrun') {
    out.sagemaker_torch_distributed_enabled = 'true';
    // The toolkit checks the instance type supports torchrun, as the SDK sets it.
    out.sagemaker_instance_type = ctx.value(ctx.at('instance').at('type'), 'string');
  }
  return out;
}

/** After the other key fields: the default location is derived from them (shared/checkpoint-uri.ts). */
function checkpointConfig(ctx: StepContext<Spec>, args: Record<string, Json>): Json | undefined {
  const checkpoints = ctx.at('checkpoints').ifSet();
  if (!checkpoints || checkpoints.raw === false) return undefined;
  const uri = checkpoints.raw === true ? defaultCheckpointUri(ctx, args) : ctx.value(checkpoints, 's3uri');
  return { S3Uri: uri, LocalPath: '/opt/ml/checkpoints' };
}
