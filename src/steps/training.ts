import type { Json } from '../expr/types.js';
import { anyOf, boolean, integer, object, oneOfText, stringMap, text } from '../spec/schema-helpers.js';
import { codeField, compressionField, distributionField, entryField, environmentField, imageField, instanceField, maxRuntimeField, roleField, s3DataTypeField, s3InputModeField } from './shared/fields.js';
import { defaultCheckpointUri } from './shared/checkpoint-uri.js';
import { JOB_RETRY_EXCEPTIONS, packCode } from './shared/code.js';
import { environment, jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';
import { setOwn } from '../util/own.js';

interface ChannelSpec { source: string; mode?: string; contentType?: string; distribution?: string; type?: string; compression?: string }

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

export const training: StepKind = {
  kind: 'training',
  type: 'Training',
  description: 'A SageMaker Training job, in script mode when code + entry are given (the Deep Learning Container runs the entry script with the hyperparameters as --key value arguments).',
  properties: {
    image: imageField,
    instance: instanceField(30),
    role: roleField,
    code: codeField,
    entry: entryField,
    hyperparameters: stringMap('Hyperparameters, passed to the script as --key value; values become strings.'),
    channels: { type: 'object', description: 'Input data channels by name.', additionalProperties: channelSchema },
    output: text('S3 prefix for the model artifacts; default <artifacts>/<execution id>/<step>/model.'),
    uncompressedModel: boolean('Upload /opt/ml/model as plain files instead of model.tar.gz (large models load faster; modelArtifacts becomes a prefix).'),
    checkpoints: anyOf('Checkpoints synced with S3 so a retried or spot-interrupted job resumes: true for the default location, or an S3 URI.', [
      { type: 'boolean', description: 'true: <artifacts>/checkpoints/<step>/<hash of the job\'s configuration>/<its run-time inputs>, the same in every execution that would run the same job, so a retry or a re-run with the same inputs resumes and new inputs start afresh.' },
      text('S3 URI for checkpoints.'),
    ]),
    distribution: oneOfText('torchrun: one process per GPU on every instance (data parallel; multi-node when count > 1). none: one process per instance.', ['torchrun', 'none']),
    metrics: stringMap('Metrics parsed from the job log: name → regex with one capture group.', { type: 'string', maxLength: 500 }),
    spot: object('Managed spot training.', {
      enabled: { type: 'boolean', description: 'Use spot capacity.' },
      maxWait: integer('Seconds to wait for spot capacity plus run time; at least maxRuntime.', { min: 1 }),
    }),
    maxRuntime: maxRuntimeField,
    environment: environmentField,
    tags: stringMap('Tags on this job, added to defaults.tags.', { type: 'string' }),
  },
  required: ['image', 'instance'],
  supportsRetry: true,
  supportsCache: true,
  retryExceptions: JOB_RETRY_EXCEPTIONS,
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
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'modelArtifacts' && !rest) return { ok: true, type: 's3uri', get: `Steps.${request.stepName}.ModelArtifacts.S3ModelArtifacts` };
  if (head === 'metrics') return metricProperty(request, rest);
  if (head === 'properties') return describeProperty(request, 'DescribeTrainingJobResponse', rest);
  return unknownProperty(request, 'training', ['modelArtifacts', 'metrics.<name>', 'properties.<Describe path>']);
}

/** The final value of a metric the job logs (FinalMetricDataList). */
function metricProperty(request: PropertyRequest, name: string): PropertyResult {
  const metrics = (request.spec.metrics as Record<string, string> | undefined) ?? {};
  if (Object.prototype.hasOwnProperty.call(metrics, name)) {
    return { ok: true, type: 'float', get: `Steps.${request.stepName}.FinalMetricDataList['${name}'].Value` };
  }
  return { ok: false, code: 'SMP3006', message: `step "${request.stepName}" defines no metric "${name}"`, hint: `metrics: ${Object.keys(metrics).join(', ') || '(none)'}` };
}

function compile(ctx: StepContext) {
  const args: Record<string, Json> = {};
  args.AlgorithmSpecification = algorithmSpecification(ctx);
  args.OutputDataConfig = outputDataConfig(ctx);
  args.StoppingCondition = stoppingCondition(ctx);
  args.ResourceConfig = resourceConfig(ctx);
  put(args, 'RoleArn', ctx.role());
  const channels = inputDataConfig(ctx);
  if (channels.length) args.InputDataConfig = channels;
  put(args, 'HyperParameters', hyperParameters(ctx));
  put(args, 'Environment', environment(ctx));
  put(args, 'CheckpointConfig', checkpointConfig(ctx, args));
  put(args, 'VpcConfig', vpcConfig(ctx));
  const network = ctx.defaults.network;
  if (network?.isolation !== undefined) args.EnableNetworkIsolation = network.isolation;
  if (network?.interContainerEncryption !== undefined) args.EnableInterContainerTrafficEncryption = network.interContainerEncryption;
  if ((ctx.spec.spot as { enabled?: boolean } | undefined)?.enabled) args.EnableManagedSpotTraining = true;
  put(args, 'Tags', jobTags(ctx));
  return { arguments: args };
}

function algorithmSpecification(ctx: StepContext): Json {
  const spec: Record<string, Json> = { TrainingInputMode: 'File' };
  put(spec, 'TrainingImage', ctx.image('image'));
  const metrics = (ctx.spec.metrics as Record<string, string> | undefined) ?? {};
  const names = Object.keys(metrics);
  if (names.length) {
    spec.MetricDefinitions = names.map((name) => ({ Name: name, Regex: String(ctx.compileTime(`metrics/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)) }));
    spec.EnableSageMakerMetricsTimeSeries = true;
  }
  return spec;
}

function outputDataConfig(ctx: StepContext): Json {
  const config: Record<string, Json> = { S3OutputPath: ctx.value('output', 's3uri') ?? ctx.executionUri('model') };
  put(config, 'KmsKeyId', ctx.defaults.kms?.output);
  if (ctx.spec.uncompressedModel === true) config.CompressionType = 'NONE';
  return config;
}

function stoppingCondition(ctx: StepContext): Json {
  const maxRuntime = ctx.value('maxRuntime', 'integer') ?? 86400;
  const condition: Record<string, Json> = { MaxRuntimeInSeconds: maxRuntime };
  const spot = ctx.spec.spot as { enabled?: boolean; maxWait?: unknown } | undefined;
  if (spot?.enabled) {
    const maxWait = ctx.value('spot/maxWait', 'integer');
    if (maxWait === undefined) ctx.report('SMP2007', 'spot', 'spot training needs spot.maxWait (seconds, at least maxRuntime)');
    else if (typeof maxWait === 'number' && typeof maxRuntime === 'number' && maxWait < maxRuntime) {
      ctx.report('SMP2007', 'spot/maxWait', `maxWait (${maxWait}) must be at least maxRuntime (${maxRuntime})`);
    }
    put(condition, 'MaxWaitTimeInSeconds', maxWait);
  }
  return condition;
}

function resourceConfig(ctx: StepContext): Json {
  const config: Record<string, Json> = {
    InstanceType: ctx.value('instance/type', 'string') as Json,
    InstanceCount: ctx.value('instance/count', 'integer') ?? 1,
    VolumeSizeInGB: ctx.value('instance/volumeGb', 'integer') ?? 30,
  };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  return config;
}

function inputDataConfig(ctx: StepContext): Json[] {
  const channels = (ctx.spec.channels as Record<string, string | ChannelSpec> | undefined) ?? {};
  return Object.entries(channels).map(([name, raw]) => {
    const spec: ChannelSpec = typeof raw === 'string' ? { source: raw } : raw;
    const rel = typeof raw === 'string' ? `channels/${name}` : `channels/${name}/source`;
    const s3: Record<string, Json> = { S3DataType: spec.type ?? 'S3Prefix', S3Uri: ctx.lower(spec.source, rel, 's3uri'), S3DataDistributionType: spec.distribution ?? 'FullyReplicated' };
    const channel: Record<string, Json> = { ChannelName: name, DataSource: { S3DataSource: s3 } };
    if (spec.contentType) channel.ContentType = spec.contentType;
    if (spec.compression) channel.CompressionType = spec.compression;
    if (spec.mode) channel.InputMode = spec.mode;
    return channel;
  });
}

/**
 * User hyperparameters as strings, then script mode's sagemaker_* entries. The
 * SDK JSON-encodes the string-valued sagemaker_* ones (the training toolkit
 * decodes them); user values stay plain strings, which the toolkit passes as is.
 */
function hyperParameters(ctx: StepContext): Json | undefined {
  const out: Record<string, Json> = {};
  const hp = (ctx.spec.hyperparameters as Record<string, unknown> | undefined) ?? {};
  for (const key of Object.keys(hp)) setOwn(out, key, ctx.value(`hyperparameters/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'string') as Json);
  Object.assign(out, scriptMode(ctx));
  return Object.keys(out).length ? out : undefined;
}

function scriptMode(ctx: StepContext): Record<string, Json> {
  const packed = packCode(ctx);
  if (!packed) return {};
  const { script, archive } = packed;
  const out: Record<string, Json> = {
    sagemaker_program: JSON.stringify(script),
    sagemaker_submit_directory: JSON.stringify(archive ?? ''),
    sagemaker_container_log_level: '20',
  };
  const region = ctx.compileTimeRegion();
  if (region) out.sagemaker_region = JSON.stringify(region);
  if (ctx.spec.distribution === 'torchrun') {
    out.sagemaker_torch_distributed_enabled = 'true';
    // The toolkit checks the instance type supports torchrun, as the SDK sets it.
    out.sagemaker_instance_type = ctx.value('instance/type', 'string') as Json;
  }
  return out;
}

/** After the other key fields: the default location is derived from them (shared/checkpoint-uri.ts). */
function checkpointConfig(ctx: StepContext, args: Record<string, Json>): Json | undefined {
  const checkpoints = ctx.spec.checkpoints;
  if (checkpoints === undefined || checkpoints === false) return undefined;
  const uri = checkpoints === true ? defaultCheckpointUri(ctx, args) : (ctx.value('checkpoints', 's3uri') as Json);
  return { S3Uri: uri, LocalPath: '/opt/ml/checkpoints' };
}
