import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, integer, number, object, oneOfText, stringMap, text, type Static } from '../spec/schema-helpers.js';
import { compressionField, roleField } from './shared/fields.js';
import { jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

const dataSchema = anyOf('The training data: an S3 URI / expression (one channel, split by validationFraction), or a training and a validation channel.', [
  text('S3 prefix or file of the training data, e.g. ${steps.Prepare.outputs.train}.'),
  object('Separate training and validation data (ChannelType training / validation).', {
    train: text('S3 URI of the training data.'),
    validation: text('S3 URI of the validation data.'),
  }, ['train', 'validation']),
]);

const fields = kindFields({
  data: dataSchema,
  target: text('The column to predict (TargetAttributeName).'),
  contentType: oneOfText('Format of the data (ContentType); default: what Autopilot detects.', ['text/csv;header=present', 'x-application/vnd.amazon+parquet']),
  compression: compressionField,
  sampleWeight: text('Column of per-row weights (SampleWeightAttributeName).'),
  problemType: oneOfText('The problem (ProblemType); default: Autopilot infers it.', ['BinaryClassification', 'MulticlassClassification', 'Regression']),
  objective: text('The metric to optimise (AutoMLJobObjective.MetricName), e.g. F1, AUC, MSE, Accuracy.'),
  maxCandidates: integer('Candidates at most (CompletionCriteria.MaxCandidates), 1-750.', { min: 1, max: 750 }),
  maxRuntimePerJob: integer('Seconds per training job at most (MaxRuntimePerTrainingJobInSeconds).', { min: 1 }),
  maxRuntime: integer('Seconds for the whole AutoML job at most (MaxAutoMLJobRuntimeInSeconds).', { min: 1 }),
  validationFraction: number('Share of the data held out for validation (DataSplitConfig.ValidationFraction), 0-1.', { min: 0, max: 1 }),
  featureSpecification: text('S3 URI of a JSON file listing the features to use (CandidateGenerationConfig.FeatureSpecificationS3Uri).'),
  output: text('S3 prefix for the job\'s output (OutputDataConfig.S3OutputPath); default <artifacts>/<execution id>/<step>/output.'),
  role: roleField,
  tags: stringMap('Tags on the AutoML job, added to defaults.tags.', { type: 'string' }),
}, ['data', 'target']);

type Spec = SpecOf<typeof fields>;

/**
 * An AutoML step (Type "AutoML") is CreateAutoMLJob minus its name, ModelDeployConfig and
 * GenerateCandidateDefinitionsOnly, in ENSEMBLING mode: the only form the SDK's AutoMLStep emits
 * (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/workflow/automl_step.py, which refuses any
 * other mode; the request from Session._get_auto_ml_request and AutoML._prepare_for_auto_ml_job /
 * _format_inputs_to_input_config in src/sagemaker/automl/automl.py) and the only one AWS's
 * published schema describes. CreateAutoMLJobV2 has no pipeline step form in either, so it is not
 * offered: a definition the service might refuse is worse than none. Properties:
 * DescribeAutoMLJobResponse, with the SDK's BestCandidateProperties report paths.
 */
export const automl = defineKind({
  kind: 'automl',
  type: 'AutoML',
  description: 'A SageMaker Autopilot job (CreateAutoMLJob, ensembling mode) that trains and ranks candidate models on tabular data. ${steps.S.bestImage}, ${steps.S.bestModelData} and ${steps.S.bestEnvironment.NAME} give a model step the best candidate.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateAutoMLJobRequest',
    omit: ['AutoMLJobName'],
    describe: 'DescribeAutoMLJobResponse',
    origins: {
      InputDataConfig: 'data',
      OutputDataConfig: 'output',
      'AutoMLJobConfig.CompletionCriteria.MaxCandidates': 'maxCandidates',
      'AutoMLJobConfig.CompletionCriteria.MaxRuntimePerTrainingJobInSeconds': 'maxRuntimePerJob',
      'AutoMLJobConfig.CompletionCriteria.MaxAutoMLJobRuntimeInSeconds': 'maxRuntime',
      'AutoMLJobConfig.DataSplitConfig': 'validationFraction',
      'AutoMLJobConfig.CandidateGenerationConfig': 'featureSpecification',
      ProblemType: 'problemType',
      AutoMLJobObjective: 'objective',
      RoleArn: 'role',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
});

const BEST = 'BestCandidate.InferenceContainers[0]';

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const step = request.stepName;
  const [head, rest] = splitTail(request.tail);
  if (head === 'bestImage' && !rest) return { ok: true, type: 'string', get: `Steps.${step}.${BEST}.Image` };
  if (head === 'bestModelData' && !rest) return { ok: true, type: 's3uri', get: `Steps.${step}.${BEST}.ModelDataUrl` };
  if (head === 'bestEnvironment' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(rest)) return { ok: true, type: 'string', get: `Steps.${step}.${BEST}.Environment['${rest}']` };
  if (head === 'bestCandidate' && !rest) return { ok: true, type: 'string', get: `Steps.${step}.BestCandidate.CandidateName` };
  // The SDK's AutoMLStep adds these two paths beside the Describe response.
  if (head === 'modelInsightsReport' && !rest) return { ok: true, type: 's3uri', get: `Steps.${step}.BestCandidateProperties.ModelInsightsJsonReportPath` };
  if (head === 'explainabilityReport' && !rest) return { ok: true, type: 's3uri', get: `Steps.${step}.BestCandidateProperties.ExplainabilityJsonReportPath` };
  if (head === 'properties') return describeProperty(request, 'DescribeAutoMLJobResponse', rest);
  return unknownProperty(request, 'automl', ['bestImage', 'bestModelData', 'bestEnvironment.<NAME>', 'bestCandidate', 'modelInsightsReport', 'explainabilityReport', 'properties.<Describe path>']);
}

function compile(ctx: StepContext<Spec>) {
  rejectUnsupportedArguments(ctx, ctx.at('arguments'), 'AutoML', {
    ModelDeployConfig: 'the SDK\'s AutoMLStep drops it: deploy the best candidate with model, endpoint-config and endpoint steps',
    GenerateCandidateDefinitionsOnly: 'the SDK\'s AutoMLStep drops it: an AutoML step trains its candidates',
  });
  const output: Record<string, Json> = { S3OutputPath: ctx.value(ctx.at('output'), 's3uri') ?? ctx.executionUri('output') };
  put(output, 'KmsKeyId', ctx.defaults.kms?.output);
  const args: Record<string, Json> = {
    InputDataConfig: inputDataConfig(ctx, ctx.at('data')),
    OutputDataConfig: output,
    AutoMLJobConfig: autoMLJobConfig(ctx),
  };
  put(args, 'RoleArn', ctx.role(ctx.at('role')));
  const objective = ctx.at('objective').ifSet();
  if (objective) args.AutoMLJobObjective = { MetricName: ctx.value(objective, 'string') };
  put(args, 'ProblemType', ctx.spec.problemType);
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args };
}

/** One AutoMLChannel per dataset (AutoMLInput.to_request_dict). */
function inputDataConfig(ctx: StepContext<Spec>, data: Field<Static<typeof dataSchema>>): Json[] {
  const channel = (source: Field<string>, type?: string): Json => {
    const out: Record<string, Json> = { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: ctx.value(source, 's3uri') } }, TargetAttributeName: ctx.value(ctx.at('target'), 'string') };
    put(out, 'CompressionType', ctx.spec.compression);
    put(out, 'ContentType', ctx.spec.contentType);
    put(out, 'ChannelType', type);
    put(out, 'SampleWeightAttributeName', ctx.value(ctx.at('sampleWeight'), 'string'));
    return out;
  };
  if (typeof data.raw === 'string') return [channel(data as Field<string>)];
  const split = data as Field<Extract<Static<typeof dataSchema>, object>>;
  return [channel(split.at('train'), 'training'), channel(split.at('validation'), 'validation')];
}

/** AutoML._prepare_for_auto_ml_job's AutoMLJobConfig, Mode ENSEMBLING (what AutoMLStep requires). */
function autoMLJobConfig(ctx: StepContext<Spec>): Json {
  const criteria: Record<string, Json> = {};
  put(criteria, 'MaxCandidates', ctx.value(ctx.at('maxCandidates'), 'integer'));
  put(criteria, 'MaxRuntimePerTrainingJobInSeconds', ctx.value(ctx.at('maxRuntimePerJob'), 'integer'));
  put(criteria, 'MaxAutoMLJobRuntimeInSeconds', ctx.value(ctx.at('maxRuntime'), 'integer'));
  const config: Record<string, Json> = { CompletionCriteria: criteria, SecurityConfig: securityConfig(ctx) };
  const features = ctx.at('featureSpecification').ifSet();
  if (features) config.CandidateGenerationConfig = { FeatureSpecificationS3Uri: ctx.value(features, 's3uri') };
  const fraction = ctx.at('validationFraction').ifSet();
  if (fraction) config.DataSplitConfig = { ValidationFraction: ctx.value(fraction, 'float') };
  config.Mode = 'ENSEMBLING';
  return config;
}

function securityConfig(ctx: StepServices): Json {
  const config: Record<string, Json> = { EnableInterContainerTrafficEncryption: ctx.defaults.network?.interContainerEncryption ?? false };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  put(config, 'VpcConfig', vpcConfig(ctx));
  return config;
}
