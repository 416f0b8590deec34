/**
 * What the quality-check and clarify-check kinds share: the check job (the SDK's CheckJobConfig:
 * a processing job run by the Model Monitor or Clarify image), the baseline settings the service
 * reads beside the Arguments, and the properties both expose.
 *
 * Sources: aws/sagemaker-python-sdk v2.257.6 src/sagemaker/workflow/check_job_config.py
 * (CheckJobConfig: ml.m5.xlarge, 1 instance, 30 GB by default), quality_check_step.py and
 * clarify_check_step.py (to_request: CheckType, ModelPackageGroupName, SkipCheck,
 * FailOnViolation, RegisterNewBaseline, SuppliedBaseline*; the properties
 * CalculatedBaseline* and BaselineUsedForDriftCheck*), and the baseline lifecycle they implement:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-quality-clarify-baseline-lifecycle.html
 */
import type { ImageUse } from '../../assets/framework-images.js';
import type { Json } from '../../expr/types.js';
import { Field } from '../../spec/field.js';
import { boolean, integer, object, text, unchecked, type Static } from '../../spec/schema-helpers.js';
import type { ApiShape, PropertyRequest, PropertyResult, StepServices } from '../types.js';
import { keyedUri } from './checkpoint-uri.js';
import { environmentField, imageField, jobTagsField, maxRuntimeField, roleField, type ImageSpec } from './fields.js';
import { environment, jobTags, put } from './job-settings.js';
import { networkConfig, s3Output } from './processing-io.js';
import { splitTail, unknownProperty } from './properties.js';

export const CHECK_INSTANCE = { type: 'ml.m5.xlarge', count: 1, volumeGb: 30 } as const;

/** Default location of a check's results: keyed by the rest of its cache key (its Arguments are part of it). */
export const CHECKS_FOLDER = 'checks';

const checkInstance = object(`Compute for the check job; default ${CHECK_INSTANCE.type}, ${CHECK_INSTANCE.count} instance, ${CHECK_INSTANCE.volumeGb} GB.`, {
  type: text('Instance type (an expression such as ${params.InstanceType} is fine).'),
  count: integer('Number of instances.', { min: 1 }),
  volumeGb: integer('Storage volume per instance in GB.', { min: 1 }),
});

function baselineProperties() {
  return {
    skip: boolean('Skip the check (SkipCheck); its baselines are still reported. Default false.'),
    failOnViolation: boolean('Fail the step when the check finds a violation (FailOnViolation). Default true.'),
    registerNew: boolean('Report this run\'s baseline as the new one to register (RegisterNewBaseline). Default false.'),
    modelPackageGroup: text('Model package group whose latest approved version supplies the baseline (ModelPackageGroupName).'),
    constraints: text('S3 URI of the constraints to check against (SuppliedBaselineConstraints), e.g. a previous run\'s ${steps.S.constraints}.'),
  };
}

export const checkBaselineField = object('The baseline this check compares with, and what it reports (the SDK\'s skip_check, fail_on_violation, register_new_baseline, supplied baselines).', baselineProperties());
export const qualityBaselineField = object('The baseline this check compares with, and what it reports (the SDK\'s skip_check, fail_on_violation, register_new_baseline, supplied baselines).', {
  ...baselineProperties(),
  statistics: text('S3 URI of the statistics to check against (SuppliedBaselineStatistics).'),
});

type QualityBaseline = Static<typeof qualityBaselineField>;

/** The check job's fields (CheckJobConfig) that both kinds take. */
export const checkJobFields = {
  image: unchecked<ImageSpec>({ ...imageField, description: 'The job\'s image; default the region\'s Model Monitor analyzer (quality-check) or Clarify processing image (clarify-check), as the SDK picks them.' }),
  instance: checkInstance,
  role: roleField,
  maxRuntime: maxRuntimeField,
  environment: environmentField,
  tags: jobTagsField,
};

type CheckJobSpec = { image?: ImageSpec; instance?: Static<typeof checkInstance>; role?: string; maxRuntime?: number | string; environment?: Readonly<Record<string, string | number | boolean>>; tags?: Readonly<Record<string, string>> };

export interface CheckJob {
  /** The first-party image used when `image:` is not given. */
  defaultImage: { framework: string };
  inputs: Json[];
  output: { name: string; localPath: string; destination: Field<string | undefined>; upload?: string };
  /** Variables the analyzer reads (after the user's own environment). */
  environment: Record<string, Json>;
}

/** The processing request of a check job, in the order Session._get_process_request writes it. */
export function checkJobRequest(ctx: StepServices, step: Field<CheckJobSpec>, job: CheckJob, use: ImageUse = 'processing'): Record<string, Json> {
  const instance = step.at('instance');
  const cluster: Record<string, Json> = {
    InstanceCount: ctx.value(instance.at('count'), 'integer') ?? CHECK_INSTANCE.count,
    InstanceType: ctx.value(instance.at('type'), 'string') ?? CHECK_INSTANCE.type,
    VolumeSizeInGB: ctx.value(instance.at('volumeGb'), 'integer') ?? CHECK_INSTANCE.volumeGb,
  };
  put(cluster, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  const image = step.at('image').ifSet();
  const args: Record<string, Json> = {
    ProcessingResources: { ClusterConfig: cluster },
    AppSpecification: { ImageUri: ctx.image(image ?? defaultImageField(ctx, job), use) ?? '' },
  };
  put(args, 'RoleArn', ctx.role(step.at('role')));
  args.ProcessingInputs = job.inputs;
  const env = { ...(environment(ctx, step.at('environment')) as Record<string, Json> | undefined), ...job.environment };
  if (Object.keys(env).length) args.Environment = env;
  put(args, 'NetworkConfig', networkConfig(ctx));
  const maxRuntime = step.at('maxRuntime').ifSet();
  if (maxRuntime) args.StoppingCondition = { MaxRuntimeInSeconds: ctx.value(maxRuntime, 'integer') };
  put(args, 'Tags', jobTags(ctx, step.at('tags')));
  // Last: the default results location is derived from everything else in the key.
  const destination = job.output.destination.ifSet();
  const uri = destination ? ctx.value(destination, 's3uri') : keyedUri(ctx, CHECKS_FOLDER, args);
  const outputs: Record<string, Json> = { Outputs: [s3Output(job.output.name, uri, job.output.localPath, job.output.upload)] };
  put(outputs, 'KmsKeyId', ctx.defaults.kms?.output);
  return withOutputs(args, outputs);
}

/** ProcessingOutputConfig goes after ProcessingInputs, where the SDK puts it. */
function withOutputs(args: Record<string, Json>, outputs: Json): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] = value;
    if (key === 'ProcessingInputs') out.ProcessingOutputConfig = outputs;
  }
  return out;
}

/** The first-party default image, placed at the step so a missing Region is reported there. */
function defaultImageField(ctx: StepServices, job: CheckJob): Field<{ framework: string }> {
  return new Field(job.defaultImage, ctx.pointer);
}

/** The step-level members the service reads beside the Arguments. */
export function baselineExtras(ctx: StepServices, checkType: string, baseline: Field<QualityBaseline | undefined>): Record<string, Json> {
  const extras: Record<string, Json> = { CheckType: checkType };
  put(extras, 'ModelPackageGroupName', ctx.value(baseline.at('modelPackageGroup'), 'string'));
  extras.SkipCheck = ctx.value(baseline.at('skip'), 'boolean') ?? false;
  extras.FailOnViolation = ctx.value(baseline.at('failOnViolation'), 'boolean') ?? true;
  extras.RegisterNewBaseline = ctx.value(baseline.at('registerNew'), 'boolean') ?? false;
  put(extras, 'SuppliedBaselineStatistics', ctx.value(baseline.at('statistics'), 's3uri'));
  put(extras, 'SuppliedBaselineConstraints', ctx.value(baseline.at('constraints'), 's3uri'));
  return extras;
}

/** Both check kinds' Arguments are the processing request of their job (CheckJobConfig and the check config). */
export const CHECK_API: ApiShape<'instance' | 'instance/type' | 'instance/count' | 'instance/volumeGb' | 'image' | 'dataset' | 'output' | 'environment' | 'maxRuntime' | 'role' | 'tags'> = {
  request: 'CreateProcessingJobRequest',
  omit: ['ProcessingJobName'],
  describe: 'DescribeProcessingJobResponse',
  origins: {
    ProcessingResources: 'instance',
    'ProcessingResources.ClusterConfig.InstanceType': 'instance/type',
    'ProcessingResources.ClusterConfig.InstanceCount': 'instance/count',
    'ProcessingResources.ClusterConfig.VolumeSizeInGB': 'instance/volumeGb',
    AppSpecification: 'image',
    ProcessingInputs: 'dataset',
    ProcessingOutputConfig: 'output',
    Environment: 'environment',
    StoppingCondition: 'maxRuntime',
    RoleArn: 'role',
    Tags: 'tags',
  },
};

/** Sugar name → the property the SDK's check steps expose (no Describe shape behind them). */
export interface CheckProperty { name: string; path: string }

/** `${steps.S.constraints}` and the rest, or `${steps.S.properties.<one of the paths>}`. */
export function checkProperty(request: PropertyRequest, kind: string, properties: readonly CheckProperty[], extra: Record<string, PropertyResult> = {}): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  const bySugar = properties.find((p) => p.name === head);
  if (bySugar && !rest) return { ok: true, type: 's3uri', get: `Steps.${request.stepName}.${bySugar.path}` };
  const byPath = head === 'properties' ? properties.find((p) => p.path === rest) : undefined;
  if (byPath) return { ok: true, type: 's3uri', get: `Steps.${request.stepName}.${byPath.path}` };
  if (!rest && Object.hasOwn(extra, head)) return extra[head] as PropertyResult;
  return unknownProperty(request, kind, [...properties.map((p) => p.name), ...Object.keys(extra), ...properties.map((p) => `properties.${p.path}`)]);
}
