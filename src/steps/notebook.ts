import type { Json } from '../expr/types.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { integer, object, stringMap, text } from '../spec/schema-helpers.js';
import { environmentField, imageField, roleField } from './shared/fields.js';
import { environment, jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext } from './types.js';
import { setOwn } from '../util/own.js';

/** The notebook job contract of sagemaker/workflow/notebook_job_step.py (SDK v2.257.6). */
const CHANNEL = 'sagemaker_headless_execution_pipelinestep';
const ENTRYPOINT = 'amazon_sagemaker_scheduler';
const DEFAULTS = { instanceType: 'ml.m5.large', volumeGb: 30, maxRuntime: 2 * 24 * 60 * 60, maxRetries: 1 } as const;

const fields = kindFields({
  notebook: text('The notebook to run: a local .ipynb (relative to this spec, uploaded on its own) or the S3 URI of one, whose folder then holds its init script and other files.'),
  image: imageField,
  kernel: text('Jupyter kernel that runs the notebook (SM_KERNEL_NAME), e.g. python3.'),
  name: text('Notebook job name (tags, the output notebook\'s name); default the step name.'),
  initScript: text('Shell script run before the notebook, by file name in the notebook\'s S3 folder (SM_INIT_SCRIPT).'),
  parameters: stringMap('Notebook parameters (papermill), passed as the job\'s HyperParameters.'),
  instance: object(`Compute for the job; default ${DEFAULTS.instanceType}, ${DEFAULTS.volumeGb} GB.`, {
    type: text('Instance type (an expression such as ${params.InstanceType} is fine).'),
    volumeGb: integer('Storage volume in GB.', { min: 1 }),
  }),
  output: text('S3 prefix for the output notebook; default <artifacts>/<execution id>/<step>.'),
  role: roleField,
  maxRuntime: integer(`Stop the job after this many seconds; default ${DEFAULTS.maxRuntime} (2 days).`, { min: 1 }),
  maxRetries: integer(`Attempts after a failure (RetryStrategy.MaximumRetryAttempts), 1-30; default ${DEFAULTS.maxRetries}.`, { min: 1, max: 30 }),
  environment: environmentField,
  tags: stringMap('Tags on the job, added to defaults.tags (the notebook job\'s own sagemaker: tags follow).', { type: 'string' }),
}, ['notebook', 'image', 'kernel']);

type Spec = SpecOf<typeof fields>;

/**
 * A notebook job step is a Training step running the SageMaker notebook scheduler
 * (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/workflow/notebook_job_step.py,
 * NotebookJobStep.arguments): entrypoint amazon_sagemaker_scheduler, the notebook's folder as the
 * sagemaker_headless_execution_pipelinestep channel, the SM_* variables that tell the scheduler
 * what to run, and the sagemaker: tags Studio lists notebook jobs by. Unlike the other job steps,
 * its Arguments carry TrainingJobName (the SDK keeps it: the notebook job's name prefix).
 */
export const notebook = defineKind({
  kind: 'notebook',
  type: 'Training',
  description: 'Runs a Jupyter notebook as a SageMaker notebook job (a Training step running the notebook scheduler), with parameters; the executed notebook is written to S3.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateTrainingJobRequest',
    omit: [],
    describe: 'DescribeTrainingJobResponse',
    origins: {
      AlgorithmSpecification: 'image',
      InputDataConfig: 'notebook',
      OutputDataConfig: 'output',
      ResourceConfig: 'instance',
      'ResourceConfig.InstanceType': 'instance/type',
      'ResourceConfig.VolumeSizeInGB': 'instance/volumeGb',
      HyperParameters: 'parameters',
      StoppingCondition: 'maxRuntime',
      RetryStrategy: 'maxRetries',
      Environment: 'environment',
      RoleArn: 'role',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
});

/** Sugar → the paths of NotebookJobStep._compose_properties. */
const PROPERTIES: Readonly<Record<string, { path: string; type: 'string' | 's3uri' }>> = {
  jobName: { path: 'TrainingJobName', type: 'string' },
  status: { path: 'TrainingJobStatus', type: 'string' },
  inputLocation: { path: 'InputDataConfig[0].DataSource.S3DataSource.S3Uri', type: 's3uri' },
  outputLocation: { path: 'OutputDataConfig.S3OutputPath', type: 's3uri' },
  inputNotebook: { path: "Environment['SM_INPUT_NOTEBOOK_NAME']", type: 'string' },
  outputNotebook: { path: "Environment['SM_OUTPUT_NOTEBOOK_NAME']", type: 'string' },
};

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  const sugar = Object.hasOwn(PROPERTIES, head) ? PROPERTIES[head] : undefined;
  if (sugar && !rest) return { ok: true, type: sugar.type, get: `Steps.${request.stepName}.${sugar.path}` };
  if (head === 'properties') return describeProperty(request, 'DescribeTrainingJobResponse', rest);
  return unknownProperty(request, 'notebook', [...Object.keys(PROPERTIES), 'properties.<Describe path>']);
}

/** NotebookJobStep._get_job_name_prefix: leading non-alphanumerics dropped, the rest of the specials → "-". */
export function notebookJobPrefix(name: string): string {
  return name.replace(/^[^a-zA-Z0-9]+/, '').replace(/[^a-zA-Z0-9-]/g, '-');
}

function compile(ctx: StepContext<Spec>) {
  const jobName = notebookJobPrefix(String(ctx.compileTime(ctx.at('name')) ?? ctx.name));
  const input = notebookInput(ctx);
  const instance = ctx.at('instance');
  const resources: Record<string, Json> = { VolumeSizeInGB: ctx.value(instance.at('volumeGb'), 'integer') ?? DEFAULTS.volumeGb, InstanceCount: 1, InstanceType: ctx.value(instance.at('type'), 'string') ?? DEFAULTS.instanceType };
  put(resources, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  const output: Record<string, Json> = { S3OutputPath: ctx.value(ctx.at('output'), 's3uri') ?? ctx.executionUri() };
  put(output, 'KmsKeyId', ctx.defaults.kms?.output);
  const args: Record<string, Json> = { TrainingJobName: jobName };
  put(args, 'RoleArn', ctx.role(ctx.at('role')));
  args.RetryStrategy = { MaximumRetryAttempts: ctx.value(ctx.at('maxRetries'), 'integer') ?? DEFAULTS.maxRetries };
  args.StoppingCondition = { MaxRuntimeInSeconds: ctx.value(ctx.at('maxRuntime'), 'integer') ?? DEFAULTS.maxRuntime };
  args.EnableInterContainerTrafficEncryption = ctx.defaults.network?.interContainerEncryption ?? true;
  args.AlgorithmSpecification = { TrainingImage: ctx.image(ctx.at('image')) ?? '', TrainingInputMode: 'File', ContainerEntrypoint: [ENTRYPOINT] };
  args.InputDataConfig = [{ ChannelName: CHANNEL, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input.folder, S3DataDistributionType: 'FullyReplicated' } } }];
  args.OutputDataConfig = output;
  args.ResourceConfig = resources;
  put(args, 'VpcConfig', vpcConfig(ctx));
  args.Tags = [...tagList(jobTags(ctx, ctx.at('tags'))), ...systemTags(jobName, input.fileName)];
  args.Environment = notebookEnvironment(ctx, jobName, input.fileName);
  put(args, 'HyperParameters', parameters(ctx));
  return { arguments: args };
}

/** The channel's S3 folder and the notebook's file name in it. */
function notebookInput(ctx: StepContext<Spec>): { folder: Json; fileName: string } {
  const field = ctx.at('notebook');
  const path = String(ctx.compileTime(field) ?? '');
  const fileName = path.split('/').pop() ?? '';
  if (path.startsWith('s3://')) return { folder: path.slice(0, path.length - fileName.length), fileName };
  const initScript = ctx.at('initScript').ifSet();
  if (initScript) ctx.report('SMP2012.initScriptLocal', initScript, {}, { at: 'key' });
  const uri = ctx.addLocalInput(field, path) ?? '';
  // The asset sits alone in its content-addressed folder: that folder is the input.
  return { folder: uri.slice(0, uri.length - fileName.length), fileName };
}

function tagList(tags: Json | undefined): Json[] {
  return Array.isArray(tags) ? tags : [];
}

/** NotebookJobStep._prepare_tags's system tags, after the custom ones. */
function systemTags(jobName: string, fileName: string): Json[] {
  return [
    { Key: 'sagemaker:name', Value: jobName },
    { Key: 'sagemaker:notebook-name', Value: fileName },
    { Key: 'sagemaker:notebook-job-origin', Value: 'PIPELINE_STEP' },
    { Key: 'sagemaker:is-studio-archived', Value: 'false' },
  ];
}

/** NotebookJobStep._prepare_env_variables: the user's, then the scheduler's (which win). */
function notebookEnvironment(ctx: StepContext<Spec>, jobName: string, fileName: string): Json {
  const env: Record<string, Json> = { ...((environment(ctx, ctx.at('environment')) as Record<string, Json> | undefined) ?? {}) };
  const region = ctx.compileTimeRegion();
  if (region === undefined) ctx.report('SMP2012.notebookRegion', ctx.step, {}, { at: 'key' });
  Object.assign(env, {
    AWS_DEFAULT_REGION: region ?? '',
    SM_JOB_DEF_VERSION: '1.0',
    SM_ENV_NAME: 'sagemaker-default-env',
    SM_SKIP_EFS_SIMULATION: 'true',
    SM_EXECUTION_INPUT_PATH: `/opt/ml/input/data/${CHANNEL}`,
    SM_KERNEL_NAME: String(ctx.compileTime(ctx.at('kernel')) ?? ''),
    SM_INPUT_NOTEBOOK_NAME: fileName,
    SM_OUTPUT_NOTEBOOK_NAME: `${jobName}.ipynb`,
  });
  const init = ctx.at('initScript').ifSet();
  if (init) env.SM_INIT_SCRIPT = String(ctx.compileTime(init) ?? '').split('/').pop() ?? '';
  return env;
}

function parameters(ctx: StepContext<Spec>): Json | undefined {
  const given = ctx.at('parameters').ifSet();
  if (!given) return undefined;
  const out: Record<string, Json> = {};
  for (const [key, value] of given.entries()) setOwn(out, key, ctx.value(value, 'string'));
  return out;
}
