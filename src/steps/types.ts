/**
 * The contract of a step kind (DESIGN §5: one kind = one file holding its schema, the properties
 * it exposes and its compile function).
 *
 * How to add a kind:
 *  1. Write `src/steps/<kind>.ts`. Declare its fields once, with the schema builders of
 *     spec/schema-helpers.ts (every field has a description; shared ones in steps/shared/fields.ts):
 *     `const fields = kindFields({ ... }, ['required', 'names'])`; `type Spec = SpecOf<typeof fields>`
 *     is then the type of a validated step: the schema and the type are the same declaration.
 *  2. `export const myKind = defineKind({ kind: 'my-kind', type, description, fields,
 *     retryExceptions, supportsCache, api?, resolveProperty, compile })` with
 *     `function compile(ctx: StepContext<Spec>)`. `ctx.spec` is the validated step; lower a field
 *     with `ctx.value(ctx.at('instance').at('type'), 'string')`: a Field is a value and its JSON
 *     pointer, so every diagnostic lands on its YAML line. A misspelt field, an API origin naming
 *     no field, or a compile written for other fields than the schema's does not build
 *     (test/steps/kind-contract.test.ts). Shared pieces: steps/shared (packCode, jobTags, ...).
 *  3. Report with `ctx.report('SMPxxxx.messageId', field, data)`: the template lives beside its code
 *     in the catalogue (diagnostics/codes/<family>.ts), its `{{placeholders}}` type `data`.
 *  4. Register it in steps/index.ts (KindName and KINDS; a kind missing there does not build), add
 *     its definition Type to DefinitionStepType if new, run `make schema` (published schema,
 *     precompiled validators, README), and add a table test in test/steps/ and golden error cases.
 */
import type { ImageUse } from '../assets/framework-images.js';
import type { ReportOptions } from '../diagnostics/reporter.js';
import type { DataArgs, MessageKey, Problem } from '../diagnostics/messages.js';
import type { ExprType, Json } from '../expr/types.js';
import type { Field, KeyOf, ValueAt } from '../spec/field.js';
import type { RetryException } from '../spec/retry-exceptions.js';
import type { ObjectOf, Properties } from '../spec/schema-helpers.js';
import type { CommonStep, ImageSpec, ResolvedDefaults } from '../spec/types.js';

/** The `Type` of a step in the pipeline definition. */
export type DefinitionStepType =
  | 'Processing'
  | 'Training'
  | 'Callback'
  | 'Lambda'
  | 'Condition'
  | 'Fail'
  | 'Model'
  | 'RegisterModel'
  | 'EndpointConfig'
  | 'Endpoint'
  | 'Transform'
  | 'Tuning'
  | 'ClarifyCheck'
  | 'QualityCheck'
  | 'EMR'
  | 'EMRServerless'
  | 'AutoML';

/** What `${steps.S.<path>}` resolves to, or why it cannot. */
export type PropertyResult =
  | { ok: true; type: ExprType; get: string }
  | { ok: true; type: ExprType; jsonGet: { propertyFile: string; path: string } }
  | { ok: true; type: ExprType; join: Json[] }
  | { ok: false; problem: Problem };

/** A request to resolve the tail of `${steps.<name>.<tail>}`. */
export interface PropertyRequest<T = unknown> {
  stepName: string;
  /** The step's validated spec. */
  spec: T & CommonStep;
  /** The path after the step name, e.g. `outputs.train` or `reports.evaluation.metrics.acc.value`. */
  tail: string;
}

export interface AssetOptions {
  /** File name inside the content-addressed S3 folder, e.g. `sourcedir.tar.gz`. */
  name: string;
}

/** A field's value once lowered: undefined only where the field may be absent. */
export type Lowered<T> = undefined extends T ? Json | undefined : Json;

/**
 * What compiling a step offers, whatever its kind: lowering fields to definition values, assets,
 * and diagnostics placed at a field. Shared helpers (steps/shared) take this and the fields they
 * work on.
 */
export interface StepServices {
  readonly name: string;
  /** Absolute JSON pointer of the step, e.g. `/steps/TrainDPO`. */
  readonly pointer: string;
  /** The resolved `defaults:` block. */
  readonly defaults: ResolvedDefaults;
  /** The field lowered to a definition value of `expected` type; undefined when absent. */
  value<T>(field: Field<T>, expected: ExprType): Lowered<T>;
  /** Lowers text that stands inside a field (a condition's operand) and tells its type. */
  typed(text: string, within: Field<unknown>): { value: Json; type: ExprType };
  /** A compile-time value: vars resolved, run-time expressions rejected (SMP3011). */
  compileTime(field: Field<unknown>): string | number | boolean | undefined;
  /** The AWS region from vars.region, for script mode's sagemaker_region. */
  compileTimeRegion(): string | undefined;
  /** The role: the step's own `role` field when set, else `defaults.role`. */
  role(own: Field<string | undefined>): Json | undefined;
  /** An `image:` field (a URI, a `{dlc}` or a `{framework}` reference) as a URI string; `use` picks a framework's training, processing or inference image (default training). */
  image(field: Field<ImageSpec | undefined>, use?: ImageUse): Json | undefined;
  /** Packs a local folder (relative to the spec file) into a deterministic tar.gz asset; returns its S3 URI. */
  packFolder(field: Field<unknown>, folder: string, options: AssetOptions): string | undefined;
  /** Registers generated bytes (e.g. runproc.sh) as an asset; returns its S3 URI. */
  addGenerated(bytes: Buffer, options: AssetOptions): string | undefined;
  /** A local file or folder (relative to the spec file) uploaded as an asset; returns its S3 URI. */
  addLocalInput(field: Field<unknown>, path: string): string | undefined;
  /** A local text file (relative to the spec file), e.g. a template the kind renders; SMP6003 at `field` when missing. */
  readLocal(field: Field<unknown>, path: string): string | undefined;
  /** Does this local path (relative to the spec file) exist? Kinds check entry scripts with it. */
  localExists(path: string): boolean;
  /** The per-execution default S3 destination: `<artifacts>/<ExecutionId>/<Step>/<...parts>`. */
  executionUri(...parts: string[]): Json;
  /**
   * A location that is the same in every execution, `<artifacts>/<...parts>` (each part a string or
   * a run-time value): for defaults inside a cache-key field, where a per-execution value would
   * stop the step from ever being reused (src/check/cache-safety.ts).
   */
  artifactsUri(...parts: Json[]): Json;
  /** A diagnostic at `at`: the catalogue's message `key` with its placeholders filled from `data`. */
  report<K extends MessageKey>(key: K, at: Field<unknown>, ...args: DataArgs<K, ReportOptions>): void;
}

/** What a kind's compile function sees: the services, and its own validated, typed spec. */
export interface StepContext<T> extends StepServices {
  readonly spec: T & CommonStep;
  /** The whole step as a field (its pointer is the step's). */
  readonly step: Field<T & CommonStep>;
  /** A field of the step: `ctx.at('instance').at('type')`. */
  at<K extends KeyOf<T & CommonStep>>(key: K): Field<ValueAt<T & CommonStep, K>>;
}

/** The kind-specific part of a compiled step: its Arguments and any envelope extras. */
export interface CompiledStep {
  arguments: Record<string, Json> | Json;
  /** Extra envelope members, e.g. `PropertyFiles`, `SqsQueueUrl`, `OutputParameters`, `FunctionArn`. */
  extras?: Record<string, Json>;
}

/** Where a kind's compiled Arguments come from, for checking against the SageMaker API. */
export interface ApiShape<FieldPath extends string = string> {
  /** Request shape in the SDK models, e.g. `CreateTrainingJobRequest`. */
  request: string;
  /** Members the pipeline fills in itself (job names). */
  omit: readonly string[];
  /** Describe* output shape for `${steps.S.properties.*}`. */
  describe: string;
  /** API path prefix (dotted) → the spec field it comes from (`instance/type`), to place findings on the YAML line. */
  origins: Readonly<Record<string, FieldPath>>;
}

/**
 * The relative pointers of a spec's named fields, three levels deep: `instance`, `instance/type`.
 * Free-form maps end a path (their keys are data), as do lists.
 */
export type FieldPath<T, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? { [K in keyof T & string]-?: string extends K ? never : K | `${K}/${FieldPath<NonNullable<T[K]>, [...Depth, unknown]>}` }[keyof T & string]
      : never;

/** A kind's own fields: their schemas, and which of them are required. Common fields are added by the registry. */
export interface KindFields<P extends Properties, R extends keyof P & string> {
  readonly properties: P;
  readonly required: readonly R[];
}

export function kindFields<const P extends Properties, const R extends keyof P & string = never>(properties: P, required: readonly R[] = []): KindFields<P, R> {
  return { properties, required };
}

/** The validated spec of a kind's own fields, as its schema accepts them. */
export type SpecOf<F> = F extends KindFields<infer P, infer R> ? ObjectOf<P, R> : never;

/** The spec the fields declare; only `fields` decides it (NoInfer: compile and api cannot widen it). */
type Spec<P extends Properties, R extends keyof P & string> = ObjectOf<NoInfer<P>, NoInfer<R>>;

/** A step kind as written in its file: compile, properties and branches agree with its fields' schema. */
export interface KindDefinition<P extends Properties, R extends keyof P & string> {
  readonly kind: string;
  readonly type: DefinitionStepType;
  /** One paragraph for the spec schema's hover text and the README. */
  readonly description: string;
  readonly fields: KindFields<P, R>;
  /** Retry exception types SageMaker accepts on this step type; empty: no RetryPolicies at all. */
  readonly retryExceptions: readonly RetryException[];
  /** Does SageMaker accept `CacheConfig` on this step type? */
  readonly supportsCache: boolean;
  /**
   * false: `defaults.cache` does not apply, only the step's own `cache:` does (kinds whose inputs
   * change in every execution, so a cache hit could only ever be wrong or never happen).
   */
  readonly cacheFromDefaults?: false;
  /** Its origins name fields of this kind: a misspelt one does not build. */
  readonly api?: ApiShape<FieldPath<Spec<P, R>>>;
  /** The names of other steps this step's fields list directly (condition branches). */
  readonly branches?: (spec: Spec<P, R>) => { then: string[]; else: string[] };
  /**
   * For a kind whose definition Type is chosen per step (the raw `step` kind): the kind as one
   * validated step has it, with that step's Type, what the Type accepts and its API shapes.
   */
  readonly forStep?: (spec: Spec<P, R>) => StepKind;
  readonly resolveProperty: (request: PropertyRequest<Spec<P, R>>) => PropertyResult;
  readonly compile: (ctx: StepContext<Spec<P, R>>) => CompiledStep;
}

/**
 * A step kind as the registry and the compiler core hold it, its spec type erased: the core
 * hands each kind only steps its own schema validated.
 */
export interface StepKind {
  readonly kind: string;
  readonly type: DefinitionStepType;
  readonly description: string;
  readonly fields: KindFields<Properties, string>;
  readonly retryExceptions: readonly RetryException[];
  readonly supportsCache: boolean;
  readonly cacheFromDefaults?: false;
  readonly api?: ApiShape;
  branches?(spec: object): { then: string[]; else: string[] };
  forStep?(spec: object): StepKind;
  resolveProperty(request: PropertyRequest): PropertyResult;
  compile(ctx: StepContext<unknown>): CompiledStep;
}

/**
 * A kind, checked against its own fields here and erased for the registry. The erasure is the one
 * unchecked step: the core calls `compile`, `branches` and `resolveProperty` only with steps this
 * kind's schema validated, which is what the definition's types say they receive.
 */
export function defineKind<const P extends Properties, const R extends keyof P & string>(definition: KindDefinition<P, R>): StepKind {
  return definition as unknown as StepKind;
}
