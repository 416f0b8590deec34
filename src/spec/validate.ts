import type { ErrorObject, ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { formatProblem, problem, type Problem } from '../diagnostics/messages.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMean } from '../util/suggest.js';
import { joinPointer, unescapePointer } from './pointer.js';
import { ajvFindings } from '../util/ajv-errors.js';
import type { JsonSchema } from './schema-helpers.js';
// Type-only, so erased from the output: it makes tsc emit the generated module (.cts → .cjs).
import type * as Generated from './spec-validators.generated.cjs';

/** The ajv options of every spec validator, the precompiled ones included. */
export const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true } as const;

/** A schema's identity by content: the name its precompiled validator is exported under. */
export function schemaKey(schema: JsonSchema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

const require = createRequire(import.meta.url);
const cache = new WeakMap<JsonSchema, ValidateFunction>();
let precompiled: Record<string, ValidateFunction | undefined> | undefined;

/**
 * The precompiled validator of exactly this schema (spec-validators.generated.cts, ajv standalone
 * code: compiling the spec schemas at run time takes most of a second per process); a schema
 * changed since it was generated compiles here instead: slower, same result.
 */
function validatorFor(schema: JsonSchema): ValidateFunction {
  const cached = cache.get(schema);
  if (cached) return cached;
  precompiled ??= require('./spec-validators.generated.cjs') as typeof Generated & Record<string, ValidateFunction | undefined>;
  const validate = precompiled[schemaKey(schema)] ?? new (require('ajv') as typeof import('ajv')).Ajv(AJV_OPTIONS).compile(schema);
  cache.set(schema, validate);
  return validate;
}

/** Validates `value` (found at `base` in the spec) and reports each problem at the offending key. */
export function validateAgainst(schema: JsonSchema, value: unknown, base: string, reporter: Reporter): boolean {
  const validate = validatorFor(schema);
  if (validate(value)) return true;
  for (const error of relevantErrors(validate.errors ?? [])) reportError(error, base, reporter, schema);
  return false;
}

/** ajv's errors worth a diagnostic: one per mistake (util/ajv-errors.ts), the names' own checks aside. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  return ajvFindings(errors).flatMap((finding) => {
    // A value that matches no form: the anyOf error says so (with the field's forms as the hint).
    if (!('error' in finding)) return finding.alternatives.filter((e) => e.keyword === 'anyOf').slice(0, 1);
    const e = finding.error;
    // Step and parameter names are checked with their own codes in check/names.ts.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') return [];
    if (e.propertyName !== undefined && (e.instancePath === '/steps' || e.instancePath === '/parameters')) return [];
    return [e];
  });
}

function reportError(error: ErrorObject, base: string, reporter: Reporter, schema: JsonSchema): void {
  const pointer = base + error.instancePath;
  if (error.propertyName !== undefined) {
    reporter.report('SMP2004.propertyName', joinPointer(pointer, error.propertyName), { name: error.propertyName, problem: formatProblem(schemaProblem(error)).message }, { at: 'key' });
    return;
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = knownProperties(error, schema);
      const hint = didYouMean(name, known) ?? (known.length ? `known properties: ${known.join(', ')}` : undefined);
      reporter.report('SMP2001.unknownProperty', joinPointer(pointer, name), { name }, { at: 'key', hint });
      return;
    }
    case 'required':
      reporter.report('SMP2002.missingProperty', pointer, { name: String(params.missingProperty) }, { at: 'key' });
      return;
    default:
      reporter.reportProblem(schemaProblem(error, schema), pointer, { ...enumHint(error), ...formsHint(error, schema) });
  }
}

/**
 * The properties beside a failed additionalProperties keyword. The precompiled (standalone)
 * validators keep no parentSchema in their errors, so the schema is read at the error's schemaPath.
 */
function knownProperties(error: ErrorObject, schema: JsonSchema): string[] {
  const parent = (error.parentSchema as JsonSchema | undefined) ?? schemaAt(schema, error.schemaPath.replace(/\/additionalProperties$/, ''));
  return Object.keys((parent?.properties as object | undefined) ?? {});
}

const TYPE_WORDS: Readonly<Record<string, string>> = { integer: 'an integer', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping' };

/**
 * What a value in a field of "a literal or a ${...} expression" should have been: the field's
 * other types (`type: [integer, string]` with the expression pattern), or its other anyOf
 * branches (`#/…/count/anyOf/1/pattern`).
 */
function expectedLiteral(error: ErrorObject, schema: JsonSchema): string {
  const field = schemaAt(schema, error.schemaPath.replace(/\/pattern$/, ''));
  const branches = schemaAt(schema, error.schemaPath.replace(/\/\d+\/pattern$/, ''));
  const types = Array.isArray(field?.type) ? (field.type as unknown[]) : Array.isArray(branches) ? branches.map((b: JsonSchema) => b.type) : [];
  const words = types.map((t) => TYPE_WORDS[String(t)]).filter(Boolean);
  return words.length ? words.join(' or ') : 'a literal value';
}

const RANGE_KEYWORDS = /^(minimum|maximum|exclusiveMinimum|exclusiveMaximum|minLength|maxLength|minItems|maxItems|minProperties|maxProperties|uniqueItems)$/;

/** What a failed schema keyword says, under its code: wrong type 2003, not an allowed value 2004, out of range 2005. */
function schemaProblem(error: ErrorObject, schema?: JsonSchema): Problem {
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? error.keyword;
  switch (error.keyword) {
    case 'type':
      return problem('SMP2003.type', { types: String(params.type).replace(/,/g, ' or ') });
    case 'enum':
      return problem('SMP2004.enum', { values: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') });
    case 'pattern':
      return isExpressionPattern(error) ? problem('SMP2004.expressionPattern', { literal: schema ? expectedLiteral(error, schema) : 'a literal value' }) : problem('SMP2004.pattern');
    case 'anyOf':
      return problem('SMP2003.noForm');
    case 'oneOf':
      return problem('SMP2003.schema', { message });
    case 'const':
    case 'format':
      return problem('SMP2004.schema', { message });
    default:
      return problem(RANGE_KEYWORDS.test(error.keyword) ? 'SMP2005.schema' : 'SMP2003.schema', { message });
  }
}

/**
 * For a value matching none of a field's forms, or not its pattern: the field's own description,
 * which names the forms (a regular expression says little to the person who wrote the spec).
 */
function formsHint(error: ErrorObject, schema: JsonSchema): { hint?: string } {
  if (error.keyword !== 'anyOf' && !(error.keyword === 'pattern' && !isExpressionPattern(error))) return {};
  const description = schemaAt(schema, error.schemaPath.replace(/\/(?:anyOf|pattern)$/, ''))?.description;
  if (typeof description === 'string') return { hint: `accepted: ${description}` };
  return error.keyword === 'pattern' ? { hint: `expected to match ${String((error.params as { pattern?: unknown }).pattern)}` } : {};
}

/** The subschema at an ajv schemaPath such as `#/properties/cache/anyOf/2/properties/expireAfter`. */
function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: unknown = schema;
  for (const part of path.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = unescapePointer(part);
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'object' && node !== null ? (node as JsonSchema) : undefined;
}

function isExpressionPattern(error: ErrorObject): boolean {
  return /\\\$\\\{/.test(String((error.params as { pattern?: unknown }).pattern));
}

function enumHint(error: ErrorObject): { hint?: string } {
  if (error.keyword !== 'enum') return {};
  const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
  if (typeof error.data !== 'string') return {};
  const hint = didYouMean(error.data, allowed);
  return hint ? { hint } : {};
}
