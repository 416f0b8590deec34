import type { Json } from '../expr/types.js';
import { integer, list, number, object, stringMap, text } from '../spec/schema-helpers.js';
import { jobTags, put } from './shared/job-settings.js';
import { checkResourceName, RESOURCE_NAME } from './shared/names.js';
import { resourceProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import type { Field } from '../spec/field.js';
import { STEP_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';

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
const fields = kindFields({
  variants: list('Production variants (at most 10).', variantSchema, { minItems: 1, maxItems: 10 }),
  name: text('EndpointConfigName; default <namePrefix>-<execution id>. A fixed name fails on the second execution, since configs cannot be overwritten.'),
  namePrefix: text(`Compile-time prefix of the default name; default: the step name, clipped to ${PREFIX_LIMIT} characters.`, { maxLength: PREFIX_LIMIT }),
  kmsKey: text('KMS key for the instances\' storage volumes (KmsKeyId). Default: defaults.kms.volume, but only when every variant\'s instance type is known and has no local NVMe storage (SageMaker rejects a key for those).'),
  tags: stringMap('Tags on the endpoint config, added to defaults.tags.', { type: 'string' }),
}, ['variants']);

type Spec = SpecOf<typeof fields>;
type VariantSpec = Spec['variants'][number];

export const endpointConfig = defineKind({
  kind: 'endpoint-config',
  type: 'EndpointConfig',
  description: 'Creates an endpoint configuration (CreateEndpointConfig): which models run on which instances. Its name is unique per execution by default, so re-running the pipeline never collides with the config a live endpoint uses; defaults.cache does not apply to it (its model is new in every execution).',
  fields,
  retryExceptions: STEP_EXCEPTIONS,
  supportsCache: true,
  cacheFromDefaults: false,
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
  resolveProperty: (request) => resourceProperty(request, 'endpoint-config', 'EndpointConfig', 'DescribeEndpointConfigOutput'),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  rejectUnsupportedArguments(ctx, ctx.at('arguments'), 'EndpointConfig', {
    DataCaptureConfig: 'SageMaker Pipelines rejects it in EndpointConfig steps (sagemaker.workflow.endpoint_step)',
    ExplainerConfig: 'SageMaker Pipelines rejects it in EndpointConfig steps (sagemaker.workflow.endpoint_step)',
  });
  const args: Record<string, Json> = {};
  args.EndpointConfigName = configName(ctx);
  const variants = productionVariants(ctx);
  args.ProductionVariants = variants;
  put(args, 'KmsKeyId', kmsKey(ctx, variants));
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args };
}

/** The given name, or `<prefix>-<execution id>`, unique per execution and within 63 characters. */
function configName(ctx: StepContext<Spec>): Json {
  const field = ctx.at('name').ifSet();
  if (field) {
    const name = ctx.value(field, 'string');
    checkResourceName(ctx, field, name, 'endpoint config name');
    return name;
  }
  const prefix = namePrefix(ctx);
  return { 'Std:Join': { On: '-', Values: [prefix, { Get: 'Execution.PipelineExecutionId' }] } };
}

/**
 * An explicit prefix must be a valid name start; the step-name default is made one: step names
 * may hold "_" (names may not) and run to 64 characters, so it is mapped and clipped silently.
 */
function namePrefix(ctx: StepContext<Spec>): string {
  const field = ctx.at('namePrefix');
  if (field.raw !== undefined) {
    const prefix = String(ctx.compileTime(field) ?? '');
    if (!RESOURCE_NAME.test(prefix)) ctx.report('SMP2004.namePrefix', field, { prefix });
    else if (prefix.length > PREFIX_LIMIT) ctx.report('SMP2005.namePrefixLength', field, { length: prefix.length, idLength: EXECUTION_ID_LENGTH, limit: NAME_LIMIT });
    return prefix;
  }
  const mapped = ctx.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, PREFIX_LIMIT).replace(/^-+|-+$/g, '');
  return mapped || 'endpoint-config';
}

function productionVariants(ctx: StepContext<Spec>): Record<string, Json>[] {
  const variants = ctx.at('variants').items();
  return variants.map((variant) => {
    const out: Record<string, Json> = { VariantName: variantName(ctx, variant, variants.length) };
    out.ModelName = ctx.value(variant.at('model'), 'string');
    out.InstanceType = ctx.value(variant.at('instanceType'), 'string');
    out.InitialInstanceCount = ctx.value(variant.at('count'), 'integer') ?? 1;
    out.InitialVariantWeight = ctx.value(variant.at('weight'), 'float') ?? 1;
    put(out, 'VolumeSizeInGB', ctx.value(variant.at('volumeGb'), 'integer'));
    put(out, 'ModelDataDownloadTimeoutInSeconds', ctx.value(variant.at('downloadTimeout'), 'integer'));
    put(out, 'ContainerStartupHealthCheckTimeoutInSeconds', ctx.value(variant.at('startupTimeout'), 'integer'));
    return out;
  });
}

/** Variant names must differ, so the AllTraffic default only covers a single variant. */
function variantName(ctx: StepContext<Spec>, variant: Field<VariantSpec>, count: number): Json {
  const name = variant.at('name').ifSet();
  if (name) return ctx.value(name, 'string');
  if (count > 1) ctx.report('SMP2002.variantName', variant);
  return 'AllTraffic';
}

/**
 * An explicit kmsKey on a known local-storage instance type is an error; the defaults.kms.volume
 * default is applied only where it cannot break CreateEndpointConfig (every instance type a
 * literal without local storage), since a run-time instance type may turn out to be one.
 */
function kmsKey(ctx: StepContext<Spec>, variants: Record<string, Json>[]): Json | undefined {
  const types = variants.map((v) => v.InstanceType);
  const local = types.find((t): t is string => typeof t === 'string' && LOCAL_STORAGE.test(t));
  const field = ctx.at('kmsKey');
  if (field.raw !== undefined) {
    if (local) ctx.report('SMP2007.kmsKeyLocalStorage', field, { instanceType: local });
    return ctx.value(field, 'string');
  }
  const volume = ctx.defaults.kms?.volume;
  if (volume === undefined || local || !types.every((t) => typeof t === 'string')) return undefined;
  return volume;
}
