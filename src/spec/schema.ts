import { anyOf, boolean, list, literalBoolean, literalInteger, map, object, oneOfText, rawApiFields, scalar, stringMap, text, unchecked, type JsonSchema, type ObjectOf, type Properties, type Schema, type Static } from './schema-helpers.js';
import { localFilesSchema } from '../assets/local-files-schema.js';
import { RETRY_EXCEPTIONS } from './retry-exceptions.js';

export const STEP_NAME_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const RETRY_PRESETS = ['standard', 'capacity', 'none'] as const;

/**
 * CacheConfig.ExpireAfter: an ISO 8601 duration of years, months, weeks, days, hours, minutes
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-caching-enabling.html, which also
 * shows the SDK's short forms "30d", "T16m", "30dT5h"). Both are accepted, in any letter case;
 * the compiler writes the strict form (P30D, PT16M, P30DT5H), so either spelling gives the same
 * definition. M before T is months, after T minutes, as in ISO 8601.
 */
export const CACHE_DURATION_PATTERN = '^[Pp]?(?!$)([0-9]+[Yy])?([0-9]+[Mm])?([0-9]+[Ww])?([0-9]+[Dd])?([Tt](?=[0-9])([0-9]+[Hh])?([0-9]+[Mm])?([0-9]+[Ss])?)?$';
const CACHE_FORMS = 'an ISO 8601 duration (P30D = 30 days, PT12H = 12 hours, P1DT6H; the SDK\'s 30d and T12H work too), true (no expiry), false (off), or {enabled, expireAfter}';

const cacheSchema = anyOf(`Step caching: ${CACHE_FORMS}. A cached step with the same arguments is not run again.`, [
  text('Expiry as an ISO 8601 duration (P30D, PT12H, or the SDK\'s 30d, T12H); caching on.', { pattern: CACHE_DURATION_PATTERN }),
  literalBoolean('false turns caching off; true turns it on with no expiry.'),
  object('Caching settings.', {
    enabled: literalBoolean('Whether SageMaker may reuse a previous run of this step.'),
    expireAfter: text('How long a cache entry stays valid, as an ISO 8601 duration (P30D, PT12H, 30d).', { pattern: CACHE_DURATION_PATTERN }),
  }),
]);

const retryPolicy = object(
  'One retry policy.',
  {
    on: list('Exception types this policy retries.', oneOfText('A SageMaker Pipelines exception type.', RETRY_EXCEPTIONS), { minItems: 1 }),
    attempts: literalInteger('Maximum attempts, including the first.', { min: 1, max: 20 }),
    intervalSeconds: literalInteger('Seconds before the first retry.', { min: 1, max: 43200 }),
    backoffRate: unchecked<number>({ type: 'number', minimum: 1, maximum: 10, description: 'Multiplier of the interval after each retry.' }),
    expireAfterMinutes: literalInteger('Stop retrying after this many minutes (instead of a count).', { min: 1, max: 14400 }),
  },
  ['on'],
);

export type RetryPolicySpec = Static<typeof retryPolicy>;

export const retrySchema = anyOf(
  `Retry policies: a preset (${RETRY_PRESETS.join(', ')}) or a list of explicit policies. Presets: standard retries service faults and throttling 3 times, and SageMaker job capacity/internal errors for up to 4 hours; capacity waits up to 12 hours for scarce GPU capacity; none turns retries off.`,
  [oneOfText('A named retry preset.', RETRY_PRESETS), list('Explicit retry policies.', retryPolicy, { minItems: 1 })],
);

/** Fields every step kind has, whatever its kind. */
export function commonStepProperties(kinds: readonly string[]) {
  return {
    kind: oneOfText('The step kind; decides which other fields apply.', kinds),
    displayName: text('Name shown in SageMaker Studio (any text, at most 256 characters).'),
    description: text('What the step does, shown in SageMaker Studio (at most 3072 characters).'),
    dependsOn: list('Steps that must finish first, when no ${steps...} reference already implies it.', text('A step name.'), { uniqueItems: true }),
    cache: cacheSchema,
    retry: retrySchema,
    arguments: rawApiFields('Raw SageMaker API fields (PascalCase), merged last into the compiled Arguments: the escape hatch for anything without sugar.'),
  };
}

/** The fields every step has, as validated against its kind's schema. */
export type CommonStep = ObjectOf<ReturnType<typeof commonStepProperties>, 'kind'>;

/**
 * What the schema needs of a step kind (steps/types.ts's StepKind has it): written here, not
 * imported, so spec/ does not import steps/, which imports spec/types.ts (no import cycle).
 */
export interface KindSchema {
  readonly kind: string;
  readonly description: string;
  readonly fields: { readonly properties: Properties; readonly required: readonly string[] };
}

export function stepSchema(kind: KindSchema, kinds: readonly string[]): JsonSchema {
  const properties: Properties = { ...commonStepProperties(kinds), ...kind.fields.properties };
  return object(kind.description, properties, ['kind', ...kind.fields.required]);
}

const parameterSchema = object(
  'A pipeline parameter: a value chosen when an execution starts (in Studio or with smpipe start).',
  {
    type: oneOfText('The parameter type.', ['string', 'integer', 'float', 'boolean']),
    default: scalar(['string', 'number', 'boolean'], 'Value used when an execution does not set it.'),
    enum: list('The only values allowed (checked by smpipe start and shown in Studio).', scalar(['string', 'number', 'boolean']), { minItems: 1 }),
    description: text('What the parameter means (at most 4096 characters): the parameter\'s Description in the definition, and shown by smpipe.'),
  },
  ['type'],
);

const defaultsSchema = object('Settings every step inherits unless it sets its own.', {
  role: text('IAM role ARN the jobs run as (an expression such as ${vars.roleArn} is fine).'),
  cache: cacheSchema,
  retry: retrySchema,
  network: object('VPC and network settings for every job.', {
    subnets: list('VPC subnet ids.', text('A subnet id.', { pattern: '^subnet-[0-9a-f]+$|\\$\\{' })),
    securityGroups: list('VPC security group ids.', text('A security group id.', { pattern: '^sg-[0-9a-f]+$|\\$\\{' })),
    isolation: boolean('Run containers with no network access (EnableNetworkIsolation).'),
    interContainerEncryption: boolean('Encrypt traffic between the instances of a distributed job.'),
  }),
  kms: object('KMS keys for every job.', {
    volume: text('KMS key for the ML storage volumes.'),
    output: text('KMS key for job outputs written to S3.'),
  }),
  tags: stringMap('Tags put on every job the pipeline starts.', { type: 'string', maxLength: 256 }),
});

/** A step as the top level validates it: a mapping with a kind; its kind's own schema checks the rest. */
export type StepBody = { kind: string; [field: string]: unknown };

function pipelineSchema(step: Schema<StepBody>) {
  return object('An smpipe pipeline spec: compiled to a SageMaker Pipeline definition by smpipe compile.', {
    pipeline: text('Pipeline name in SageMaker: letters, digits and single hyphens, at most 82 characters (checked after vars are resolved).'),
    displayName: text('Pipeline display name in Studio: like the name, letters, digits and single hyphens (SageMaker rejects spaces here; use description for prose).'),
    description: text('What the pipeline does (at most 3072 characters).'),
    artifacts: text('S3 prefix for code assets (content-addressed) and default step outputs, e.g. s3://${vars.bucket}/smpipe.'),
    vars: stringMap('Compile-time variables with their defaults (null = must be given with --vars or --set).', { type: ['string', 'number', 'boolean', 'null'] }),
    defaults: defaultsSchema,
    parameters: map('Pipeline parameters, by name.', parameterSchema, { propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } }),
    steps: map('The steps, by name. Order comes from ${steps...} references and dependsOn.', step, { minProperties: 1, propertyNames: { pattern: STEP_NAME_PATTERN } }),
    tags: stringMap('Tags on the pipeline itself.', { type: 'string', maxLength: 256 }),
    parallelism: literalInteger('Maximum steps running at once (ParallelismConfiguration).', { min: 1, max: 256 }),
    experiment: literalBoolean('Record executions in SageMaker Experiments (PipelineExperimentConfig). Default: on, except where vars.region has no SageMaker Experiments (executions would fail there); true keeps it anywhere.'),
    localFiles: localFilesSchema,
  }, ['pipeline', 'steps']);
}

/** The spec as written, after the top-level schema: step bodies are checked by their kinds. */
export type PipelineSpec = Static<ReturnType<typeof pipelineSchema>>;
export type ParameterSpec = Static<typeof parameterSchema>;
export type DefaultsSpec = Static<typeof defaultsSchema>;
export type CacheSpec = Static<typeof cacheSchema>;
export type RetrySpec = Static<typeof retrySchema>;

/** The whole spec's schema, for validation of everything but step bodies (validated per kind). */
export function specSchema(kinds: readonly KindSchema[], withStepBodies: boolean): JsonSchema {
  const kindNames = kinds.map((k) => k.kind);
  const stepAny = unchecked<StepBody>(withStepBodies
    ? { type: 'object', description: 'A step; its fields depend on its kind.', required: ['kind'], properties: { kind: commonStepProperties(kindNames).kind }, allOf: kinds.map((k) => ({ if: { properties: { kind: { const: k.kind, description: `Selects the ${k.kind} fields.` } }, required: ['kind'] }, then: stepSchema(k, kindNames) })) }
    : { type: 'object', description: 'A step.', required: ['kind'], properties: { kind: { type: 'string', description: 'The step kind.' } } });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://smpipe.dev/schema/smpipe-spec.schema.json',
    title: 'smpipe pipeline spec',
    ...pipelineSchema(stepAny),
  };
}
