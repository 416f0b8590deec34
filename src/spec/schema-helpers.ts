/**
 * Builders for spec schema fragments, and the one source of the spec's TypeScript types: each
 * builder returns a `Schema<T>`, a plain JSON Schema object whose type also records what values
 * it accepts, so `Static<typeof schema>` is the type a validated value has. Nothing is written
 * twice: a field's schema and its type come from the same call.
 *
 * Every builder takes the description first, so no property can be added without hover text for
 * editors. Fields that accept run-time values also accept a string holding `${...}`, and their
 * type says so (`integer` is `number | string`).
 */

/** A JSON Schema fragment (draft-07), with a `description` on every property. */
export type JsonSchema = { [key: string]: unknown };

/** Exists in types only: the values a schema accepts. Never present at run time. */
declare const ACCEPTS: unique symbol;

/** A JSON Schema fragment that accepts values of type T. */
export type Schema<T> = JsonSchema & { readonly [ACCEPTS]: T };

/** The type of the values a schema accepts. */
export type Static<S extends Schema<unknown>> = S[typeof ACCEPTS];

/** Named object properties, each a typed schema. */
export type Properties = Readonly<Record<string, Schema<unknown>>>;

/** The object an `object(description, properties, required)` schema accepts. */
export type ObjectOf<P extends Properties, R extends keyof P> = Flatten<
  { -readonly [K in R]: Static<P[K]> } & { -readonly [K in Exclude<keyof P, R>]?: Static<P[K]> }
>;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** JSON Schema scalar type names and the values they accept. */
type ScalarName = 'string' | 'number' | 'integer' | 'boolean' | 'null';
type ScalarValue<N> = N extends 'string' ? string : N extends 'number' | 'integer' ? number : N extends 'boolean' ? boolean : N extends 'null' ? null : never;
type ScalarOf<N> = ScalarValue<N extends readonly (infer E)[] ? E : N>;

const EXPRESSION = '\\$\\{';

/**
 * Declares the values a hand-written fragment accepts: for the few fragments no builder writes
 * (a key order the published schema keeps). The declaration is not checked, so keep it beside
 * the fragment it describes.
 */
export function unchecked<T>(schema: JsonSchema): Schema<T> {
  return schema as Schema<T>;
}

export function text(description: string, extra: JsonSchema = {}): Schema<string> {
  return unchecked({ type: 'string', description, ...extra });
}

export function integer(description: string, range: { min?: number; max?: number } = {}): Schema<number | string> {
  return unchecked(withRange({ type: ['integer', 'string'], pattern: EXPRESSION, description }, range));
}

export function number(description: string, range: { min?: number; max?: number } = {}): Schema<number | string> {
  return unchecked(withRange({ type: ['number', 'string'], pattern: EXPRESSION, description }, range));
}

export function boolean(description: string): Schema<boolean | string> {
  return unchecked({ type: ['boolean', 'string'], pattern: EXPRESSION, description });
}

/** A literal integer only (no run-time expressions), e.g. a retry count. */
export function literalInteger(description: string, range: { min?: number; max?: number } = {}): Schema<number> {
  return unchecked(withRange({ type: 'integer', description }, range));
}

export function literalBoolean(description: string): Schema<boolean> {
  return unchecked({ type: 'boolean', description });
}

/** A literal of one or more scalar types, e.g. a parameter default (string, number or boolean). */
export function scalar<const N extends ScalarName | readonly ScalarName[]>(type: N, description?: string): Schema<ScalarOf<N>> {
  return unchecked(description === undefined ? { type } : { type, description });
}

export function oneOfText<const V extends string>(description: string, values: readonly V[]): Schema<V> {
  return unchecked({ type: 'string', enum: [...values], description });
}

export function list<T>(description: string, items: Schema<T>, extra: JsonSchema = {}): Schema<T[]> {
  return unchecked({ type: 'array', items, description, ...extra });
}

/** Scalar values by free-form key (tags, environment): strings, numbers and booleans, or those `values` names. */
export function stringMap(description: string): Schema<Record<string, string | number | boolean>>;
export function stringMap<const N extends ScalarName | readonly ScalarName[]>(description: string, values: { type: N; maxLength?: number }): Schema<Record<string, ScalarOf<N>>>;
export function stringMap(description: string, values: { type: ScalarName | readonly ScalarName[]; maxLength?: number } = { type: ['string', 'number', 'boolean'] }): JsonSchema {
  // The values' schema gets its description here.
  return { type: 'object', additionalProperties: { description: 'A value.', ...values }, description };
}

/** Values of one schema by free-form name (channels, inputs, parameters). */
export function map<T>(description: string, values: Schema<T>, extra: JsonSchema = {}): Schema<Record<string, T>> {
  return unchecked({ type: 'object', description, ...extra, additionalProperties: values });
}

/** Any JSON value, e.g. an input sent to a callback consumer as it is written. */
export function anyValue(description: string): Schema<unknown> {
  return unchecked({ description });
}

export function object<const P extends Properties, const R extends keyof P & string = never>(
  description: string,
  properties: P,
  required: readonly R[] = [],
): Schema<ObjectOf<P, R>> {
  const schema: JsonSchema = { type: 'object', description, properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return unchecked(schema);
}

/** Free-form object: raw SageMaker API fields, checked later against the API shapes. */
export function rawApiFields(description: string): Schema<Record<string, unknown>> {
  return unchecked({ type: 'object', description });
}

export function anyOf<const V extends readonly Schema<unknown>[]>(description: string, variants: V): Schema<Static<V[number]>> {
  return unchecked({ description, anyOf: variants });
}

function withRange(schema: JsonSchema, range: { min?: number; max?: number }): JsonSchema {
  if (range.min !== undefined) schema.minimum = range.min;
  if (range.max !== undefined) schema.maximum = range.max;
  return schema;
}
