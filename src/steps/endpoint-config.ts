import type { Json } from '../expr/types.js';
import { integer, list, number, object, stringMap, text } from '../spec/schema-helpers.js';
import { jobTags, put } from './shared/job-settings.js';
import { checkResourceName, RESOURCE_NAME } from './shared/names.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';

const NAME_LIMIT = 63;
/** A pipeline execution id (the last part of its ARN) is 12 characters, joined with "-". */
const EXECUTION_ID_LENGTH = 12;
const PREFIX_LIMIT = NAME_LIMIT - 1 - EXECUTION_ID_LENGTH;

/**
 * Instance families with local NVMe instance storage. "You can't request a KmsKeyId when using
 * an instance type with local storage ... the call to CreateEndpointConfig fails"
 * (CreateEndpointConfig KmsKeyId, SageMaker API reference). ml.g5 (the flagship's endpoint) is one.
 */
const LOCAL_STORAGE = /^ml\.(g4dn|g4ad|g5|g6|g6e|gr6|p3dn|p4d|p4de|p5|p5e|p5en|trn1|trn1n|[a-z]+\d+[a-z]*d)\./;

interface VariantSpec { name?: string; model?: string; instanceType?: string; count?: unknown; weight?: unknown; startupTimeout?: unknown; downloadTimeout?: unknown; volumeGb?: unknown }

const variantSchema = object('A production variant: one model on a fleet of instances.', {
  name: text('Variant name (VariantName); default AllTraffic when there is one variant.'),
  model: text('The model to host (ModelName), usually ${steps.CreateModel.name}.'),
  instanceType: text('Instance type, e.g. ml.g5.12xlarge (an expression such as ${params.EndpointInstanceType} is fine).'),
  count: integer('Initial number of instances (InitialInstanceCount); default 1.', { min: 1 }),
  weight: number('Share of traffic relative to the other variants (InitialVariantWeight); default 1.', { min: 0 }),
  startupTimeout: integer('Seconds to wait for the container\'s /ping health check (ContainerStartupHealthCheckTimeoutInSeconds); large LLMs need several minutes.', { min: 60, max: 3600 }),
  downloadTimeout: integer('Seconds allowed to download the model data (ModelDataDownloadTimeoutInSeconds).', { min: 60, max: 3600 }),
  volumeGb: integer('Storage volume per instance in GB (VolumeSizeInGB); for instance types without local storage.', { min: 1, max: 512 }),
}, ['model', 'instanceType']);

/**
 * An endpoint-config step (Type "EndpointConfig") is CreateEndpointConfig. Evidence for its
 * envelope: sagemaker.workflow.endpoint_step.EndpointConfigStep (SDK PRs #6140/#6153/#6224)
 * takes retry_policies and cache_config, and Pipelines rejects DataCaptureConfig and
 * ExplainerConfig in it. Retries use the step-level exception types only (no job runs).
 * The service suffixes the created config's name per execution (PR #6224), so later steps must
 * read the real name from ${steps.S.name} (Steps.S.EndpointConfigName), never reuse `name:`.
 *
 * Caching: `defaults.cache` does not apply here, only the step's own `cache:`. A config must be
 * new whenever it runs (CreateEndpointConfig refuses an existing name), so its default name holds
 * the execution id; and its model comes from a Model step, which SageMaker cannot cache, so its
 * key changes in every execution anyway. A cached EndpointConfig could therefore never be
 * reused, and since SageMaker documents no cache key for it (src/check/step-cache-key.ts), a
 * reuse that ignored the model would leave the endpoint on the old one. Creating a config is a
 * free control-plane call: nothing is lost by running it every time.
 */
export const endpointConfig: StepKind = {
  kind: 'endpoint-config',
  type: 'EndpointConfig',
  description: 'Creates an endpoint configuration (CreateEndpointConfig): which models run on which instances. Its name is unique per execution by default, so re-running the pipeline never collides with the config a live endpoint uses; defaults.cache does not apply to it (its model is new in every execution).',
  properties: {
    variants: list('Production variants (at most 10).', variantSchema, { minItems: 1, maxItems: 10 }),
    name: text('EndpointConfigName; default <namePrefix>-<execution id>. A fixed name fails on the second execution, since configs cannot be overwritten.'),
    namePrefix: text(`Compile-time prefix of the default name; default: the step name, clipped to ${PREFIX_LIMIT} characters.`, { maxLength: PREFIX_LIMIT }),
    kmsKey: text('KMS key for the instances\' storage volumes (KmsKeyId). Default: defaults.kms.volume, but only when every variant\'s instance type is known and has no local NVMe storage (SageMaker rejects a key for those).'),
    tags: stringMap('Tags on the endpoint config, added to defaults.tags.', { type: 'string' }),
  },
  required: ['variants'],
  supportsRetry: true,
  supportsCache: true,
  cacheFromDefaults: false,
  retryExceptions: ['Step.SERVICE_FAULT', 'Step.THROTTLING'],
  api: {
    request: 'CreateEndpointConfigInput',
    omit: [],
    describe: 'DescribeEndpointConfigOutput',
    origins: {
      EndpointConfigName: 'name',
      ProductionVariants: 'variants',
      KmsKeyId: 'kmsKey',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'name' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.EndpointConfigName` };
  if (head === 'arn' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.EndpointConfigArn` };
  if (head === 'properties') return describeProperty(request, 'DescribeEndpointConfigOutput', rest);
  return unknownProperty(request, 'endpoint-config', ['name', 'arn', 'properties.<Describe path>']);
}

function compile(ctx: StepContext) {
  rejectUnsupportedArguments(ctx, 'EndpointConfig', {
    DataCaptureConfig: 'SageMaker Pipelines rejects it in EndpointConfig steps (sagemaker.workflow.endpoint_step)',
    ExplainerConfig: 'SageMaker Pipelines rejects it in EndpointConfig steps (sagemaker.workflow.endpoint_step)',
  });
  const args: Record<string, Json> = {};
  args.EndpointConfigName = configName(ctx);
  const variants = productionVariants(ctx);
  args.ProductionVariants = variants;
  put(args, 'KmsKeyId', kmsKey(ctx, variants));
  put(args, 'Tags', jobTags(ctx));
  return { arguments: args };
}

/** The given name, or `<prefix>-<execution id>`, unique per execution and within 63 characters. */
function configName(ctx: StepContext): Json {
  if (ctx.spec.name !== undefined) {
    const name = ctx.value('name', 'string');
    checkResourceName(ctx, 'name', name, 'endpoint config name');
    return name ?? '';
  }
  const prefix = namePrefix(ctx);
  return { 'Std:Join': { On: '-', Values: [prefix, { Get: 'Execution.PipelineExecutionId' }] } };
}

/**
 * An explicit prefix must be a valid name start; the step-name default is made one: step names
 * may hold "_" (names may not) and run to 64 characters, so it is mapped and clipped silently.
 */
function namePrefix(ctx: StepContext): string {
  if (ctx.spec.namePrefix !== undefined) {
    const prefix = String(ctx.compileTime('namePrefix') ?? '');
    if (!RESOURCE_NAME.test(prefix)) ctx.report('SMP2004', 'namePrefix', `"${prefix}" is not a valid endpoint config name start`, { hint: 'letters, digits and hyphens, starting and ending with a letter or digit' });
    else if (prefix.length > PREFIX_LIMIT) ctx.report('SMP2005', 'namePrefix', `the prefix is ${prefix.length} characters; with "-" and the ${EXECUTION_ID_LENGTH}-character execution id the name must stay within ${NAME_LIMIT}`);
    return prefix;
  }
  const mapped = ctx.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, PREFIX_LIMIT).replace(/^-+|-+$/g, '');
  return mapped || 'endpoint-config';
}

function productionVariants(ctx: StepContext): Record<string, Json>[] {
  const variants = (ctx.spec.variants as VariantSpec[] | undefined) ?? [];
  return variants.map((variant, i) => {
    const at = `variants/${i}`;
    const out: Record<string, Json> = { VariantName: variantName(ctx, variant, i, variants.length) };
    put(out, 'ModelName', ctx.value(`${at}/model`, 'string'));
    put(out, 'InstanceType', ctx.value(`${at}/instanceType`, 'string'));
    out.InitialInstanceCount = ctx.value(`${at}/count`, 'integer') ?? 1;
    out.InitialVariantWeight = ctx.value(`${at}/weight`, 'float') ?? 1;
    put(out, 'VolumeSizeInGB', ctx.value(`${at}/volumeGb`, 'integer'));
    put(out, 'ModelDataDownloadTimeoutInSeconds', ctx.value(`${at}/downloadTimeout`, 'integer'));
    put(out, 'ContainerStartupHealthCheckTimeoutInSeconds', ctx.value(`${at}/startupTimeout`, 'integer'));
    return out;
  });
}

/** Variant names must differ, so the AllTraffic default only covers a single variant. */
function variantName(ctx: StepContext, variant: VariantSpec, i: number, count: number): Json {
  if (variant.name !== undefined) return ctx.value(`variants/${i}/name`, 'string') ?? '';
  if (count > 1) ctx.report('SMP2002', `variants/${i}`, 'name each variant when there are several (VariantName)');
  return 'AllTraffic';
}

/**
 * An explicit kmsKey on a known local-storage instance type is an error; the defaults.kms.volume
 * default is applied only where it cannot break CreateEndpointConfig (every instance type a
 * literal without local storage), since a run-time instance type may turn out to be one.
 */
function kmsKey(ctx: StepContext, variants: Record<string, Json>[]): Json | undefined {
  const types = variants.map((v) => v.InstanceType);
  const local = types.find((t): t is string => typeof t === 'string' && LOCAL_STORAGE.test(t));
  if (ctx.spec.kmsKey !== undefined) {
    if (local) ctx.report('SMP2007', 'kmsKey', `${local} has local NVMe storage, encrypted by the instance; SageMaker rejects a KmsKeyId for it`, { hint: 'remove kmsKey, or pick an instance type without local storage' });
    return ctx.value('kmsKey', 'string');
  }
  const volume = ctx.defaults.kms?.volume;
  if (volume === undefined || local || !types.every((t) => typeof t === 'string')) return undefined;
  return volume;
}
