import type { Json } from '../expr/types.js';
import { STEP_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { integer, list, object, rawApiFields, scalar, stringMap, text } from '../spec/schema-helpers.js';
import { put } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext } from './types.js';
import { setOwn } from '../util/own.js';

const fields = kindFields({
  application: text('ID of an existing EMR Serverless application (ApplicationId).'),
  applicationConfig: rawApiFields('A new application for this step: CreateApplication\'s request (ApplicationConfig), e.g. {name, releaseLabel: emr-7.1.0, type: SPARK}.'),
  executionRole: text('IAM role the job run assumes (ExecutionRoleArn and JobConfig.executionRoleArn).'),
  spark: object('A Spark job (JobDriver.sparkSubmit).', {
    entryPoint: text('S3 URI of the script or JAR (entryPoint).'),
    args: list('Arguments of the entry point (entryPointArguments).', scalar(['string', 'number', 'boolean'], 'One argument; expressions allowed.')),
    parameters: text('spark-submit options, e.g. --conf spark.executor.cores=4 (sparkSubmitParameters).'),
  }, ['entryPoint']),
  jobDriver: rawApiFields('Raw JobDriver (sparkSubmit or hive) instead of spark.'),
  configurationOverrides: rawApiFields('Raw configurationOverrides of the job run (applicationConfiguration, monitoringConfiguration).'),
  timeoutMinutes: integer('Stop the job run after this many minutes (executionTimeoutMinutes).', { min: 1 }),
  name: text('Name of the job run (name).'),
  tags: stringMap('Tags on the job run (tags).', { type: 'string' }),
}, ['executionRole']);

type Spec = SpecOf<typeof fields>;

/**
 * An EMR Serverless step (Type "EMRServerless"), as the SDK's EMRServerlessStep writes it
 * (aws/sagemaker-python-sdk master, sagemaker-mlops/src/sagemaker/mlops/workflow/
 * emr_serverless_step.py; StepTypeEnum.EMR_SERVERLESS in steps.py): Arguments
 * {ExecutionRoleArn, JobConfig: EMRServerlessJobConfig.to_request(application_id), ApplicationId |
 * ApplicationConfig}; properties are GetJobRun's response. AWS's published definition schema
 * predates the type (src/check/definition-schema/corrections/new-step-types.ts).
 */
export const emrServerless = defineKind({
  kind: 'emr-serverless',
  type: 'EMRServerless',
  description: 'Runs a job (Spark, Hive) on Amazon EMR Serverless: an existing application, or one created for the step.',
  fields,
  retryExceptions: STEP_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'EmrServerlessStepArguments',
    omit: [],
    describe: 'EmrServerlessGetJobRunResponse',
    origins: {
      ApplicationId: 'application',
      ApplicationConfig: 'applicationConfig',
      ExecutionRoleArn: 'executionRole',
      'JobConfig.executionRoleArn': 'executionRole',
      'JobConfig.jobDriver': 'spark',
      'JobConfig.configurationOverrides': 'configurationOverrides',
      'JobConfig.executionTimeoutMinutes': 'timeoutMinutes',
      'JobConfig.name': 'name',
      'JobConfig.tags': 'tags',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'jobRunId' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.jobRun.jobRunId` };
  if (head === 'state' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.jobRun.state` };
  if (head === 'properties') return describeProperty(request, 'EmrServerlessGetJobRunResponse', rest);
  return unknownProperty(request, 'emr-serverless', ['jobRunId', 'state', 'properties.<GetJobRun path>']);
}

function compile(ctx: StepContext<Spec>) {
  const role = ctx.value(ctx.at('executionRole'), 'string');
  const application = ctx.at('application').ifSet();
  const config = ctx.at('applicationConfig').ifSet();
  if (application && config) ctx.report('SMP2012.applicationOrConfig', config, {}, { at: 'key' });
  else if (!application && !config) ctx.report('SMP2012.applicationNeeded', ctx.step, {}, { at: 'key' });
  // EMRServerlessJobConfig.to_request, in its order.
  const job: Record<string, Json> = { executionRoleArn: role, jobDriver: jobDriver(ctx) };
  if (application) job.applicationId = ctx.value(application, 'string');
  put(job, 'configurationOverrides', ctx.value(ctx.at('configurationOverrides'), 'json'));
  put(job, 'executionTimeoutMinutes', ctx.value(ctx.at('timeoutMinutes'), 'integer'));
  put(job, 'name', ctx.value(ctx.at('name'), 'string'));
  const tags = ctx.at('tags').ifSet();
  if (tags) {
    const out: Record<string, Json> = {};
    for (const [key, value] of tags.entries()) setOwn(out, key, ctx.value(value, 'string'));
    job.tags = out;
  }
  const args: Record<string, Json> = { ExecutionRoleArn: role, JobConfig: job };
  if (application) args.ApplicationId = ctx.value(application, 'string');
  else if (config) args.ApplicationConfig = ctx.value(config, 'json') ?? {};
  return { arguments: args };
}

function jobDriver(ctx: StepContext<Spec>): Json {
  const spark = ctx.at('spark').ifSet();
  const raw = ctx.at('jobDriver').ifSet();
  if (spark && raw) ctx.report('SMP2012.sparkOrDriver', raw, {}, { at: 'key' });
  if (raw) return ctx.value(raw, 'json') ?? {};
  if (!spark) {
    ctx.report('SMP2012.jobDriverNeeded', ctx.step, {}, { at: 'key' });
    return {};
  }
  const submit: Record<string, Json> = { entryPoint: ctx.value(spark.at('entryPoint'), 'string') };
  const args = spark.at('args').ifSet();
  if (args) submit.entryPointArguments = args.items().map((arg) => ctx.value(arg, 'string'));
  put(submit, 'sparkSubmitParameters', ctx.value(spark.at('parameters'), 'string'));
  return { sparkSubmit: submit };
}
