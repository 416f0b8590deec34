import type { ErrorObject, ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Code } from '../diagnostics/codes.js';
import { closest } from '../util/suggest.js';
import { escapePointer, unescapePointer } from './pointer.js';
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
    reporter.reportText('SMP2004', `${pointer}/${escapePointer(error.propertyName)}`, `name "${error.propertyName}" ${describe(error)}`, { at: 'key' });
    return;
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const near = closest(name, known);
      const hint = near ? `did you mean "${near}"?` : known.length ? `known properties: ${known.join(', ')}` : undefined;
      reporter.reportText('SMP2001', `${pointer}/${escapePointer(name)}`, `unknown property "${name}"`, { at: 'key', hint });
      return;
    }
    case 'required':
      reporter.reportText('SMP2002', pointer, `missing required property "${String(params.missingProperty)}"`, { at: 'key' });
      return;
    default:
      reporter.reportText(codeFor(error.keyword), pointer, describe(error), { ...enumHint(error), ...formsHint(error, schema) });
  }
}

function codeFor(keyword: string): Code {
  if (keyword === 'type' || keyword === 'anyOf' || keyword === 'oneOf') return 'SMP2003';
  if (keyword === 'enum' || keyword === 'const' || keyword === 'pattern' || keyword === 'format') return 'SMP2004';
  if (/^(minimum|maximum|exclusiveMinimum|exclusiveMaximum|minLength|maxLength|minItems|maxItems|minProperties|maxProperties|uniqueItems)$/.test(keyword)) {
    return 'SMP2005';
  }
  return 'SMP2003';
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `expected ${String(params.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return isExpressionPattern(error) ? 'expected a literal value or a ${...} expression' : 'is not in the expected form';
    case 'anyOf':
      return 'does not match any of the allowed forms';
    default:
      return error.message ?? error.keyword;
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
  const near = closest(error.data, allowed);
  return near ? { hint: `did you mean "${near}"?` } : {};
}
