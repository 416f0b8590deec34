import { problem } from '../diagnostics/messages.js';
import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, integer, list, literalBoolean, map, number, object, oneOfText, scalar, stringMap, text, type Static } from '../spec/schema-helpers.js';
import { jobTags, put } from './shared/job-settings.js';
import { nestedContext } from './shared/nested-context.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { trainingFields, trainingJobRequest, type TrainingSpec } from './training.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

const SCALING = ['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic'] as const;

const rangeSchema = anyOf('How one hyperparameter varies: a numeric range or a list of values.', [
  object('A numeric range (IntegerParameterRanges or ContinuousParameterRanges).', {
    type: oneOfText('integer or continuous (a float).', ['integer', 'continuous']),
    min: number('Smallest value tried (MinValue).'),
    max: number('Largest value tried (MaxValue).'),
    scaling: oneOfText('How values are spread over the range (ScalingType); default Auto.', SCALING),
  }, ['type', 'min', 'max']),
  object('A categorical range (CategoricalParameterRanges).', {
    values: list('The values tried (at most 30).', scalar(['string', 'number', 'boolean'], 'One value.'), { minItems: 1, maxItems: 30 }),
  }, ['values']),
]);

type RangeSpec = Static<typeof rangeSchema>;

// The nested training definition: the training kind's fields; tags go on the tuning job itself.
const { tags: _trainingTags, ...trainingJobProperties } = trainingFields.properties;

const fields = kindFields({
  training: object('The training jobs to run: the training kind\'s fields (image, instance, code, entry, hyperparameters, channels, metrics, …). Its hyperparameters stay fixed; ranges name the tuned ones.', trainingJobProperties, trainingFields.required),
  ranges: { ...map('The tuned hyperparameters, by name.', rangeSchema), minProperties: 1 },
  objective: object('The metric the tuning job optimises (HyperParameterTuningJobObjective).', {
    metric: text('Metric name: one of training.metrics, or a built-in algorithm\'s metric such as validation:auc.'),
    type: oneOfText('Maximize or Minimize.', ['Maximize', 'Minimize']),
  }, ['metric', 'type']),
  strategy: oneOfText('Search strategy; default Bayesian.', ['Bayesian', 'Random', 'Hyperband', 'Grid']),
  maxJobs: integer('Training jobs in all (ResourceLimits.MaxNumberOfTrainingJobs); default 1, as the SDK\'s HyperparameterTuner.', { min: 1 }),
  maxParallel: integer('Training jobs at once (MaxParallelTrainingJobs); default 1.', { min: 1 }),
  maxRuntime: integer('Stop the tuning job after this many seconds (ResourceLimits.MaxRuntimeInSeconds).', { min: 120, max: 15768000 }),
  earlyStopping: literalBoolean('Stop training jobs that are unlikely to beat the best so far (TrainingJobEarlyStoppingType Auto); default off.'),
  targetObjective: number('Stop tuning once a job reaches this objective value (TuningJobCompletionCriteria.TargetObjectiveMetricValue).'),
  randomSeed: integer('Seed of the search, for a reproducible sequence of hyperparameters (RandomSeed).', { min: 0 }),
  warmStart: object('Start from earlier tuning jobs (WarmStartConfig).', {
    parents: list('Names of the parent tuning jobs (1-5).', text('A HyperParameterTuningJobName.'), { minItems: 1, maxItems: 5 }),
    type: oneOfText('IdenticalDataAndAlgorithm or TransferLearning (WarmStartType).', ['IdenticalDataAndAlgorithm', 'TransferLearning']),
  }, ['parents', 'type']),
  tags: stringMap('Tags on the tuning job, added to defaults.tags.', { type: 'string' }),
}, ['training', 'ranges', 'objective']);

type Spec = SpecOf<typeof fields>;

/**
 * A tuning step (Type "Tuning") is CreateHyperParameterTuningJob minus its name, as
 * sagemaker.session.Session._get_tuning_request writes it for one estimator
 * (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/session.py _map_tuning_config,
 * _map_training_config; src/sagemaker/tuner.py _prepare_static_hyperparameters,
 * _prepare_parameter_ranges_for_tuning; src/sagemaker/parameter.py as_tuning_range/as_json_range):
 * the objective and ranges in HyperParameterTuningJobConfig, the training definition as the
 * training kind compiles it with HyperParameters as StaticHyperParameters (the tuned ones left out).
 * Its properties are DescribeHyperParameterTuningJobResponse and
 * ListTrainingJobsForHyperParameterTuningJobResponse (TuningStep.properties in
 * src/sagemaker/workflow/steps.py).
 */
export const tuning = defineKind({
  kind: 'tuning',
  type: 'Tuning',
  description: 'A SageMaker hyperparameter tuning job (CreateHyperParameterTuningJob): many training jobs over the given ranges, optimising one metric. ${steps.S.bestTrainingJob}, ${steps.S.bestModel} and ${steps.S.models.K} (the K-th best model, as the SDK\'s get_top_model_s3_uri) feed later steps.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateHyperParameterTuningJobRequest',
    omit: ['HyperParameterTuningJobName'],
    describe: 'DescribeHyperParameterTuningJobResponse',
    origins: {
      HyperParameterTuningJobConfig: 'objective',
      'HyperParameterTuningJobConfig.Strategy': 'strategy',
      'HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs': 'maxJobs',
      'HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs': 'maxParallel',
      'HyperParameterTuningJobConfig.ResourceLimits.MaxRuntimeInSeconds': 'maxRuntime',
      'HyperParameterTuningJobConfig.ParameterRanges': 'ranges',
      'HyperParameterTuningJobConfig.TuningJobCompletionCriteria': 'targetObjective',
      'HyperParameterTuningJobConfig.RandomSeed': 'randomSeed',
      TrainingJobDefinition: 'training',
      'TrainingJobDefinition.AlgorithmSpecification': 'training/image',
      'TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions': 'training/metrics',
      'TrainingJobDefinition.ResourceConfig': 'training/instance',
      'TrainingJobDefinition.ResourceConfig.InstanceType': 'training/instance/type',
      'TrainingJobDefinition.ResourceConfig.InstanceCount': 'training/instance/count',
      'TrainingJobDefinition.ResourceConfig.VolumeSizeInGB': 'training/instance/volumeGb',
      'TrainingJobDefinition.StaticHyperParameters': 'training/hyperparameters',
      'TrainingJobDefinition.InputDataConfig': 'training/channels',
      'TrainingJobDefinition.OutputDataConfig': 'training/output',
      'TrainingJobDefinition.StoppingCondition': 'training/maxRuntime',
      'TrainingJobDefinition.CheckpointConfig': 'training/checkpoints',
      'TrainingJobDefinition.Environment': 'training/environment',
      'TrainingJobDefinition.RoleArn': 'training/role',
      WarmStartConfig: 'warmStart',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
});

const TOP_JOBS = 50;

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const step = request.stepName;
  const [head, rest] = splitTail(request.tail);
  if (head === 'bestTrainingJob' && !rest) return { ok: true, type: 'string', get: `Steps.${step}.BestTrainingJob.TrainingJobName` };
  if (head === 'bestObjective' && !rest) return { ok: true, type: 'float', get: `Steps.${step}.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value` };
  if (head === 'bestModel' && !rest) return topModel(request, 0);
  if (head === 'models') {
    const k = /^\d{1,2}$/.test(rest) ? Number(rest) : NaN;
    if (k < TOP_JOBS) return topModel(request, k);
    return { ok: false, problem: problem('SMP3020.topModelIndex', { step, index: rest || '(none)', last: TOP_JOBS - 1 }) };
  }
  if (head === 'properties') {
    // TuningStep's properties span two responses; a path the first lacks is looked up in the second.
    const described = describeProperty(request, 'DescribeHyperParameterTuningJobResponse', rest);
    return described.ok || !rest.startsWith('TrainingJobSummaries') ? described : describeProperty(request, 'ListTrainingJobsForHyperParameterTuningJobResponse', rest);
  }
  return unknownProperty(request, 'tuning', ['bestTrainingJob', 'bestObjective', 'bestModel', 'models.<0-49>', 'properties.<Describe path>']);
}

/**
 * The model artifacts of the K-th best training job, as TuningStep.get_top_model_s3_uri builds
 * them: Join("/", ["s3:/", bucket, prefix, TrainingJobSummaries[K].TrainingJobName,
 * "output/model.tar.gz"]). The SDK asks for the bucket and prefix; here they are the training
 * definition's output location: the literal written in `training.output`, else (a default or
 * run-time location) the tuning job's own TrainingJobDefinition.OutputDataConfig.S3OutputPath.
 */
function topModel(request: PropertyRequest<Spec>, k: number): PropertyResult {
  const step = request.stepName;
  const job = { Get: `Steps.${step}.TrainingJobSummaries[${k}].TrainingJobName` };
  const output = request.spec.training.output;
  const literal = typeof output === 'string' && !output.includes('${') ? /^s3:\/\/([^/]+)\/*(.*?)\/*$/.exec(output) : null;
  const base: Json[] = literal ? ['s3:/', literal[1] as string, ...(literal[2] ? [literal[2]] : [])] : [{ Get: `Steps.${step}.TrainingJobDefinition.OutputDataConfig.S3OutputPath` }];
  return { ok: true, type: 's3uri', join: [...base, job, 'output/model.tar.gz'] };
}

function compile(ctx: StepContext<Spec>) {
  const training = trainingJobDefinition(ctx);
  checkObjective(ctx);
  const args: Record<string, Json> = { HyperParameterTuningJobConfig: tuningJobConfig(ctx, training.scriptMode), TrainingJobDefinition: training.definition };
  put(args, 'WarmStartConfig', warmStartConfig(ctx));
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args };
}

function tuningJobConfig(ctx: StepContext<Spec>, scriptMode: boolean): Json {
  const limits: Record<string, Json> = {
    MaxNumberOfTrainingJobs: ctx.value(ctx.at('maxJobs'), 'integer') ?? 1,
    MaxParallelTrainingJobs: ctx.value(ctx.at('maxParallel'), 'integer') ?? 1,
  };
  put(limits, 'MaxRuntimeInSeconds', ctx.value(ctx.at('maxRuntime'), 'integer'));
  const config: Record<string, Json> = {
    Strategy: ctx.spec.strategy ?? 'Bayesian',
    ResourceLimits: limits,
    TrainingJobEarlyStoppingType: ctx.spec.earlyStopping === true ? 'Auto' : 'Off',
  };
  put(config, 'RandomSeed', ctx.value(ctx.at('randomSeed'), 'integer'));
  const objective = ctx.at('objective');
  config.HyperParameterTuningJobObjective = { Type: objective.raw.type, MetricName: ctx.value(objective.at('metric'), 'string') };
  config.ParameterRanges = parameterRanges(ctx, ctx.at('ranges'), scriptMode);
  const target = ctx.at('targetObjective').ifSet();
  if (target) config.TuningJobCompletionCriteria = { TargetObjectiveMetricValue: ctx.value(target, 'float') };
  return config;
}

/**
 * The three range lists, always present as the SDK writes them. Categorical values are strings;
 * in script mode each is also JSON-encoded (as_json_range), since the framework containers decode
 * every hyperparameter with json.loads.
 */
function parameterRanges(ctx: StepServices, ranges: Field<Readonly<Record<string, RangeSpec>>>, scriptMode: boolean): Json {
  const out: Record<string, Json[]> = { ContinuousParameterRanges: [], CategoricalParameterRanges: [], IntegerParameterRanges: [] };
  for (const [name, range] of ranges.entries()) {
    const raw = range.raw;
    if ('values' in raw) {
      out.CategoricalParameterRanges?.push({ Name: name, Values: raw.values.map((v) => (scriptMode ? JSON.stringify(String(v)) : String(v))) });
      continue;
    }
    const numeric = range as Field<Extract<RangeSpec, { type: string }>>;
    const entry = { Name: name, MinValue: ctx.value(numeric.at('min'), 'string'), MaxValue: ctx.value(numeric.at('max'), 'string'), ScalingType: raw.scaling ?? 'Auto' };
    if (raw.type === 'integer') checkIntegerBounds(ctx, numeric);
    checkRangeBounds(ctx, numeric);
    (raw.type === 'integer' ? out.IntegerParameterRanges : out.ContinuousParameterRanges)?.push(entry);
  }
  return out;
}

function checkIntegerBounds(ctx: StepServices, range: Field<Extract<RangeSpec, { type: string }>>): void {
  for (const bound of [range.at('min'), range.at('max')]) {
    if (typeof bound.raw === 'number' && !Number.isInteger(bound.raw)) ctx.report('SMP2010.integerRange', bound, { value: bound.raw });
  }
}

/**
 * What CreateHyperParameterTuningJob refuses of literal bounds: MinValue above MaxValue, and the
 * scaling types' domains (the service model's ContinuousParameterRange/IntegerParameterRange
 * ScalingType: "Logarithmic scaling works only for ranges that have only values greater than 0";
 * "Reverse logarithmic scaling works only for ranges that are entirely within the range
 * 0<=x<1.0", and not for integer ranges).
 */
function checkRangeBounds(ctx: StepServices, range: Field<Extract<RangeSpec, { type: string }>>): void {
  const [min, max] = [range.at('min'), range.at('max')];
  if (typeof min.raw !== 'number' || typeof max.raw !== 'number') return;
  if (min.raw > max.raw) ctx.report('SMP2010.minAboveMax', min, { min: min.raw, max: max.raw });
  const scaling = range.raw.scaling;
  if (scaling === 'Logarithmic' && min.raw <= 0) ctx.report('SMP2010.logarithmic', min, { min: min.raw });
  if (scaling === 'ReverseLogarithmic' && range.raw.type === 'integer') ctx.report('SMP2010.reverseLogarithmicInteger', range.at('scaling'), {});
  else if (scaling === 'ReverseLogarithmic' && (min.raw < 0 || max.raw >= 1)) ctx.report('SMP2010.reverseLogarithmic', min.raw < 0 ? min : max, { min: min.raw, max: max.raw });
}

/** The training kind's request as a HyperParameterTrainingJobDefinition (what _map_training_config keeps of it). */
function trainingJobDefinition(ctx: StepContext<Spec>): { definition: Json; scriptMode: boolean } {
  const request = trainingJobRequest(nestedContext<TrainingSpec>(ctx, ctx.at('training')));
  const tuned = new Set(Object.keys(ctx.spec.ranges));
  for (const [name, value] of ctx.at('training').at('hyperparameters').entries()) {
    if (tuned.has(name)) ctx.report('SMP2010.fixedAndTuned', value, { name }, { at: 'key' });
  }
  const hyperparameters = request.HyperParameters as Record<string, Json> | undefined;
  const algorithm = request.AlgorithmSpecification as Record<string, Json>;
  const definition: Record<string, Json> = { StaticHyperParameters: hyperparameters ?? {} };
  for (const key of ['RoleArn', 'OutputDataConfig', 'StoppingCondition', 'ResourceConfig'] as const) put(definition, key, request[key]);
  // HyperParameterAlgorithmSpecification has no EnableSageMakerMetricsTimeSeries.
  definition.AlgorithmSpecification = Object.fromEntries(Object.entries(algorithm).filter(([key]) => key !== 'EnableSageMakerMetricsTimeSeries'));
  for (const key of ['InputDataConfig', 'VpcConfig', 'EnableNetworkIsolation', 'EnableInterContainerTrafficEncryption', 'EnableManagedSpotTraining', 'CheckpointConfig', 'Environment'] as const) put(definition, key, request[key]);
  return { definition, scriptMode: hyperparameters?.sagemaker_program !== undefined };
}

/** With metrics of its own, the training definition must define the objective (built-in algorithms define theirs). */
function checkObjective(ctx: StepContext<Spec>): void {
  const metrics = ctx.spec.training.metrics ?? {};
  const metric = ctx.at('objective').at('metric');
  const names = Object.keys(metrics);
  if (names.length === 0 || typeof metric.raw !== 'string' || metric.raw.includes('${') || Object.hasOwn(metrics, metric.raw)) return;
  ctx.report('SMP3021.objectiveMetric', metric, { metric: metric.raw, metrics: names.join(', ') });
}

function warmStartConfig(ctx: StepContext<Spec>): Json | undefined {
  const warm = ctx.at('warmStart').ifSet();
  if (!warm) return undefined;
  return {
    ParentHyperParameterTuningJobs: warm.at('parents').items().map((parent) => ({ HyperParameterTuningJobName: ctx.value(parent, 'string') })),
    WarmStartType: warm.raw.type,
  };
}
