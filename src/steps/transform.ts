import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, integer, object, oneOfText, text, type Static } from '../spec/schema-helpers.js';
import { compressionField, environmentField, jobTagsField, s3DataTypeField } from './shared/fields.js';
import { environment, jobTags, put } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

const inputSchema = anyOf('The data to run inference on: an S3 URI / expression, or its settings.', [
  text('S3 prefix or an expression such as ${steps.Prepare.outputs.test}.'),
  object('Input settings (TransformInput).', {
    source: text('S3 URI or expression (DataSource.S3DataSource.S3Uri).'),
    type: s3DataTypeField,
    contentType: text('MIME type of the records, e.g. text/csv (ContentType).'),
    split: oneOfText('How a file is split into records (SplitType); default None: each file is one record.', ['None', 'Line', 'RecordIO', 'TFRecord']),
    compression: compressionField,
  }, ['source']),
]);

const outputSchema = anyOf('Where the results go: an S3 prefix, or its settings.', [
  text('S3 prefix (TransformOutput.S3OutputPath).'),
  object('Output settings (TransformOutput).', {
    path: text('S3 prefix; default <artifacts>/<execution id>/<step>/output.'),
    accept: text('MIME type of the results (Accept), e.g. text/csv.'),
    assemble: oneOfText('Line: results of a split file joined one a line; None: as the container returns them (AssembleWith).', ['None', 'Line']),
  }),
]);

const fields = kindFields({
  model: text('The SageMaker model to run (ModelName): usually ${steps.CreateModel.name}, or the name of an existing model.'),
  instance: object('Compute for the job (TransformResources).', {
    type: text('Instance type, e.g. ml.m5.xlarge (an expression such as ${params.InstanceType} is fine).'),
    count: integer('Number of instances; default 1.', { min: 1 }),
  }, ['type']),
  input: inputSchema,
  output: outputSchema,
  strategy: oneOfText('MultiRecord: as many records per request as fit maxPayloadMb; SingleRecord: one (BatchStrategy).', ['MultiRecord', 'SingleRecord']),
  maxPayloadMb: integer('Largest request body in MB (MaxPayloadInMB); 0 streams.', { min: 0 }),
  maxConcurrent: integer('Parallel requests per instance (MaxConcurrentTransforms).', { min: 0 }),
  join: oneOfText('Input: each result is joined to its input record; None: results only (DataProcessing.JoinSource).', ['Input', 'None']),
  inputFilter: text('JSONPath selecting the part of each record sent to the model, e.g. $[1:] (DataProcessing.InputFilter).', { maxLength: 63 }),
  outputFilter: text('JSONPath selecting what is kept of each (joined) result, e.g. $[0,-1] (DataProcessing.OutputFilter).', { maxLength: 63 }),
  modelClient: object('How the job calls the model (ModelClientConfig).', {
    timeout: integer('Seconds one request may take (InvocationsTimeoutInSeconds), 1-3600.', { min: 1, max: 3600 }),
    retries: integer('Retries of a failed request (InvocationsMaxRetries), 0-3.', { min: 0, max: 3 }),
  }),
  environment: environmentField,
  tags: jobTagsField,
}, ['model', 'instance', 'input']);

type Spec = SpecOf<typeof fields>;

/**
 * A batch transform step (Type "Transform") is CreateTransformJob minus TransformJobName, in the
 * order sagemaker.session.Session._get_transform_request writes it, from the parts
 * sagemaker.transformer._TransformJob prepares (_format_inputs_to_input_config,
 * _prepare_output_config, _prepare_resource_config, _prepare_data_processing); the SDK's
 * TransformStep (src/sagemaker/workflow/steps.py) takes retry policies and a cache config, and its
 * properties are DescribeTransformJobResponse.
 */
export const transform = defineKind({
  kind: 'transform',
  type: 'Transform',
  description: 'A SageMaker batch transform job (CreateTransformJob): runs a model over an S3 dataset and writes one result file per input file. ${steps.S.output} is the results prefix.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateTransformJobRequest',
    omit: ['TransformJobName'],
    describe: 'DescribeTransformJobResponse',
    origins: {
      ModelName: 'model',
      TransformInput: 'input',
      TransformOutput: 'output',
      TransformResources: 'instance',
      'TransformResources.InstanceType': 'instance/type',
      'TransformResources.InstanceCount': 'instance/count',
      BatchStrategy: 'strategy',
      MaxPayloadInMB: 'maxPayloadMb',
      MaxConcurrentTransforms: 'maxConcurrent',
      'DataProcessing.JoinSource': 'join',
      'DataProcessing.InputFilter': 'inputFilter',
      'DataProcessing.OutputFilter': 'outputFilter',
      ModelClientConfig: 'modelClient',
      Environment: 'environment',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'output' && !rest) return { ok: true, type: 's3uri', get: `Steps.${request.stepName}.TransformOutput.S3OutputPath` };
  if (head === 'properties') return describeProperty(request, 'DescribeTransformJobResponse', rest);
  return unknownProperty(request, 'transform', ['output', 'properties.<Describe path>']);
}

function compile(ctx: StepContext<Spec>) {
  const args: Record<string, Json> = {
    ModelName: ctx.value(ctx.at('model'), 'string'),
    TransformInput: transformInput(ctx, ctx.at('input')),
    TransformOutput: transformOutput(ctx, ctx.at('output')),
    TransformResources: transformResources(ctx),
  };
  put(args, 'BatchStrategy', ctx.spec.strategy);
  put(args, 'MaxConcurrentTransforms', ctx.value(ctx.at('maxConcurrent'), 'integer'));
  put(args, 'MaxPayloadInMB', ctx.value(ctx.at('maxPayloadMb'), 'integer'));
  put(args, 'Environment', environment(ctx, ctx.at('environment')));
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  put(args, 'DataProcessing', dataProcessing(ctx));
  put(args, 'ModelClientConfig', modelClientConfig(ctx));
  return { arguments: args };
}

function transformInput(ctx: StepServices, field: Field<Static<typeof inputSchema>>): Json {
  const input = field.settings('source');
  const { type, contentType, compression, split } = input.raw;
  const config: Record<string, Json> = { DataSource: { S3DataSource: { S3DataType: type ?? 'S3Prefix', S3Uri: ctx.value(input.at('source'), 's3uri') } } };
  put(config, 'ContentType', contentType);
  put(config, 'CompressionType', compression);
  put(config, 'SplitType', split);
  return config;
}

function transformOutput(ctx: StepServices, field: Field<Static<typeof outputSchema> | undefined>): Json {
  const written = field.ifSet();
  const output = written ? written.settings('path') : undefined;
  const config: Record<string, Json> = { S3OutputPath: (output ? ctx.value(output.at('path'), 's3uri') : undefined) ?? ctx.executionUri('output') };
  put(config, 'KmsKeyId', ctx.defaults.kms?.output);
  put(config, 'AssembleWith', output?.raw.assemble);
  put(config, 'Accept', output ? ctx.value(output.at('accept'), 'string') : undefined);
  return config;
}

function transformResources(ctx: StepContext<Spec>): Json {
  const instance = ctx.at('instance');
  const config: Record<string, Json> = { InstanceCount: ctx.value(instance.at('count'), 'integer') ?? 1, InstanceType: ctx.value(instance.at('type'), 'string') };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  return config;
}

function dataProcessing(ctx: StepContext<Spec>): Json | undefined {
  const config: Record<string, Json> = {};
  put(config, 'InputFilter', ctx.value(ctx.at('inputFilter'), 'string'));
  put(config, 'OutputFilter', ctx.value(ctx.at('outputFilter'), 'string'));
  put(config, 'JoinSource', ctx.spec.join);
  return Object.keys(config).length ? config : undefined;
}

function modelClientConfig(ctx: StepContext<Spec>): Json | undefined {
  const client = ctx.at('modelClient').ifSet();
  if (!client) return undefined;
  const config: Record<string, Json> = {};
  put(config, 'InvocationsTimeoutInSeconds', ctx.value(client.at('timeout'), 'integer'));
  put(config, 'InvocationsMaxRetries', ctx.value(client.at('retries'), 'integer'));
  return config;
}
