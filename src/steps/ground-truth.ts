import type { Json } from '../expr/types.js';
import { integer, list, literalBoolean, object, stringMap, text } from '../spec/schema-helpers.js';
import { jobTags, put } from './shared/job-settings.js';
import { fixedOutputParameters, resolveOutputParameter, type OutputTypeName } from './shared/outputs-params.js';
import { compileQueue, queueField } from './shared/queue.js';
import { compileWorkerUi, DEFAULT_TITLE } from './shared/worker-ui.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';

/**
 * Humans rank the model's answers in SageMaker Ground Truth, inside the pipeline. The step is a
 * Callback: SageMaker puts the message on the labeling bridge's queue (containers/labeling-bridge),
 * the bridge creates the labeling job and answers with the output manifest when it ends.
 *
 * Arguments are exactly a CreateLabelingJob request minus LabelingJobName (the bridge names the
 * job after the execution, the step and the callback token, so an SQS redelivery finds the job it
 * already created): the request is checked against the SageMaker API shape at compile time like
 * any job step's, and `arguments:` reaches every CreateLabelingJob field.
 */

/** What the bridge returns through SendPipelineExecutionStepSuccess. */
export const GROUND_TRUTH_OUTPUTS: Readonly<Record<string, OutputTypeName>> = { OutputManifestUri: 'string', LabelingJobArn: 'string' };

/**
 * Default S3OutputPath: `<artifacts>/labels/<step>`, without the execution id, because the whole
 * request is this Callback step's cache key as far as smpipe knows (src/check/step-cache-key.ts)
 * and an execution id in it would mean the labeling is never reused. Jobs cannot overwrite each
 * other there: Ground Truth writes every job's output under `<S3OutputPath>/<labeling job name>/`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html), and the bridge names
 * each job after its execution and callback token (containers/labeling-bridge/job-name.ts).
 */
export const LABELS_FOLDER = 'labels';

/** The tag that tells the bridge which step a callback message belongs to (the message does not say). */
export const STEP_TAG = 'smpipe:step';

/** LabelAttributeName: the API's pattern, and Ground Truth rejects names ending in -ref or -metadata. */
const LABEL_ATTRIBUTE = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$/;
const DEFAULTS = {
  labelAttribute: 'ranking',
  description: 'Read a customer question and rank the assistant\'s answers from best to worst.',
  keywords: ['text ranking', 'preferences'],
  workersPerItem: 1,
  timeLimit: 900,
  availabilityLifetime: 864000,
};

const taskSchema = object('The labeling task workers see in their portal (HumanTaskConfig).', {
  title: text('Task title (TaskTitle), also the heading of the worker UI; default "Rank the answers to a customer question".'),
  description: text('Task description (TaskDescription), at most 255 characters.'),
  keywords: list('Up to 5 keywords (TaskKeywords): letters, digits and single spaces.', text('A keyword.', { pattern: '^[A-Za-z0-9]+( [A-Za-z0-9]+)*$' }), { minItems: 1, maxItems: 5 }),
  workersPerItem: integer('Workers who rank each item (NumberOfHumanWorkersPerDataObject, 1-9); default 1. ${params.X} works.', { min: 1, max: 9 }),
  timeLimit: integer('Seconds a worker has for one item (TaskTimeLimitInSeconds); default 900.', { min: 30 }),
  availabilityLifetime: integer('Seconds an item waits for workers before it expires (TaskAvailabilityLifetimeInSeconds); default 864000 (10 days).', { min: 60 }),
  maxConcurrentTasks: integer('Items offered to workers at the same time (MaxConcurrentTaskCount, 1-5000); default: Ground Truth\'s.', { min: 1, max: 5000 }),
});

const fields = kindFields({
  queue: queueField('SQS queue URL of the labeling bridge (its stack output QueueUrl), e.g. ${vars.labelingQueueUrl}.'),
  manifest: text('S3 URI of the input manifest file (one {"id","source","responses"} object a line), e.g. ${steps.GenerateResponses.outputs.manifest}/manifest.jsonl.'),
  workteam: text('ARN of the private workteam that ranks (WorkteamArn).'),
  labelingRole: text('IAM role Ground Truth assumes (RoleArn): reads the manifest and UI template, writes the output, invokes the two Lambdas.'),
  lambdas: object('The bridge\'s Lambdas for the custom task (its stack outputs).', {
    preAnnotation: text('Pre-annotation Lambda ARN (PreHumanTaskLambdaArn): passes id, source and responses to the worker UI.'),
    consolidation: text('Answer-consolidation Lambda ARN: keeps every worker\'s answer (pass-through), as containers/preferences expects.'),
  }, ['preAnnotation', 'consolidation']),
  ranking: object('The ranking workers do.', {
    dimension: text('Name of the ranking dimension, e.g. Alignment (known at compile time).'),
    instructions: text('What to rank on, shown to workers (known at compile time).'),
    allowTies: literalBoolean('May equally good answers share a rank? Default true.'),
  }, ['dimension', 'instructions']),
  values: text('A local text file (relative to this spec) with the organisation\'s values, shown beside the answers, e.g. ../containers/generate/data/context.md.'),
  template: text('A local handlebars template (relative to this spec) for the worker UI; default: smpipe\'s built-in text-ranking template. Liquid goes inside {{{{raw}}}}…{{{{/raw}}}}.'),
  task: taskSchema,
  labelAttribute: text('Label attribute name in the output manifest (LabelAttributeName); default "ranking".'),
  output: text('S3 URI where Ground Truth writes its output (S3OutputPath), each job under its own name; default <artifacts>/labels/<step>, the same in every execution so the step stays reusable from the cache.'),
  tags: stringMap('Tags on the labeling job, added to defaults.tags.', { type: 'string' }),
}, ['queue', 'manifest', 'workteam', 'labelingRole', 'lambdas', 'ranking']);

type Spec = SpecOf<typeof fields>;

export const groundTruth = defineKind({
  kind: 'ground-truth',
  type: 'Callback',
  description: 'Humans rank each question\'s answers in SageMaker Ground Truth (a custom <crowd-text-ranking> task); a Callback step whose message the labeling bridge turns into a labeling job. Outputs: OutputManifestUri and LabelingJobArn.',
  fields,
  retryExceptions: [],
  supportsCache: true,
  api: {
    request: 'CreateLabelingJobRequest',
    omit: ['LabelingJobName'],
    // Not read: a callback step exposes only its output parameters, not a Describe* response.
    describe: 'DescribeLabelingJobResponse',
    origins: {
      LabelAttributeName: 'labelAttribute',
      InputConfig: 'manifest',
      OutputConfig: 'output',
      RoleArn: 'labelingRole',
      HumanTaskConfig: 'task',
      'HumanTaskConfig.WorkteamArn': 'workteam',
      'HumanTaskConfig.UiConfig': 'template',
      'HumanTaskConfig.PreHumanTaskLambdaArn': 'lambdas/preAnnotation',
      'HumanTaskConfig.AnnotationConsolidationConfig': 'lambdas/consolidation',
      'HumanTaskConfig.TaskTitle': 'task/title',
      'HumanTaskConfig.TaskDescription': 'task/description',
      'HumanTaskConfig.TaskKeywords': 'task/keywords',
      'HumanTaskConfig.NumberOfHumanWorkersPerDataObject': 'task/workersPerItem',
      'HumanTaskConfig.TaskTimeLimitInSeconds': 'task/timeLimit',
      'HumanTaskConfig.TaskAvailabilityLifetimeInSeconds': 'task/availabilityLifetime',
      'HumanTaskConfig.MaxConcurrentTaskCount': 'task/maxConcurrentTasks',
      Tags: 'tags',
    },
  },
  resolveProperty: (request) => resolveOutputParameter(request, 'ground-truth', GROUND_TRUTH_OUTPUTS),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  const args: Record<string, Json> = {
    LabelAttributeName: labelAttribute(ctx),
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: ctx.value(ctx.at('manifest'), 's3uri') } } },
    OutputConfig: { S3OutputPath: ctx.value(ctx.at('output'), 's3uri') ?? ctx.artifactsUri(LABELS_FOLDER, ctx.name) },
    RoleArn: ctx.value(ctx.at('labelingRole'), 'string'),
    HumanTaskConfig: humanTaskConfig(ctx),
    Tags: [...tagList(jobTags(ctx, ctx.at('tags'))), { Key: STEP_TAG, Value: ctx.name }],
  };
  return { arguments: args, extras: { SqsQueueUrl: compileQueue(ctx, ctx.at('queue')), OutputParameters: fixedOutputParameters(GROUND_TRUTH_OUTPUTS) } };
}

function tagList(tags: Json | undefined): Json[] {
  return Array.isArray(tags) ? tags : [];
}

function humanTaskConfig(ctx: StepContext<Spec>): Record<string, Json> {
  const task = ctx.at('task');
  const lambdas = ctx.at('lambdas');
  const config: Record<string, Json> = {
    WorkteamArn: ctx.value(ctx.at('workteam'), 'string'),
    UiConfig: { UiTemplateS3Uri: compileWorkerUi(ctx, ctx.step) ?? '' },
    PreHumanTaskLambdaArn: ctx.value(lambdas.at('preAnnotation'), 'string'),
    TaskTitle: String(ctx.compileTime(task.at('title')) ?? DEFAULT_TITLE),
    TaskDescription: String(ctx.compileTime(task.at('description')) ?? DEFAULTS.description),
    TaskKeywords: keywords(ctx),
    NumberOfHumanWorkersPerDataObject: ctx.value(task.at('workersPerItem'), 'integer') ?? DEFAULTS.workersPerItem,
    TaskTimeLimitInSeconds: ctx.value(task.at('timeLimit'), 'integer') ?? DEFAULTS.timeLimit,
    TaskAvailabilityLifetimeInSeconds: ctx.value(task.at('availabilityLifetime'), 'integer') ?? DEFAULTS.availabilityLifetime,
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: ctx.value(lambdas.at('consolidation'), 'string') },
  };
  put(config, 'MaxConcurrentTaskCount', ctx.value(task.at('maxConcurrentTasks'), 'integer'));
  return config;
}

function keywords(ctx: StepContext<Spec>): Json[] {
  const given = ctx.at('task').at('keywords').ifSet();
  if (!given) return DEFAULTS.keywords;
  return given.items().map((keyword) => String(ctx.compileTime(keyword) ?? ''));
}

/** Compile-time: the bridge, the worker UI's answers and containers/preferences all key on it. */
function labelAttribute(ctx: StepContext<Spec>): string {
  const field = ctx.at('labelAttribute');
  const name = field.raw === undefined ? DEFAULTS.labelAttribute : String(ctx.compileTime(field) ?? '');
  if (name !== '' && (!LABEL_ATTRIBUTE.test(name) || /-(ref|metadata)$/.test(name))) ctx.report('SMP2004.labelAttribute', field, { name });
  return name;
}
