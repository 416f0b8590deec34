import type { ErrorObject, ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Code } from '../diagnostics/codes.js';
import { closest } from '../util/suggest.js';
import { escapePointer } from './source.js';
import type { JsonSchema } from '../steps/types.js';
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
  for (const error of relevantErrors(validate.errors ?? [])) reportError(error, base, reporter);
  return false;
}

/**
 * ajv reports every failed branch of an `anyOf`; when one branch got deeper
 * (the value had the right shape but a bad member), that branch's errors are
 * the useful ones and the shallow type mismatches are noise.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const deepest = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    if (errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`))) deepest.add(e.instancePath);
  }
  return errors.filter((e) => {
    // Step and parameter names are checked with their own codes in check/names.ts.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') return false;
    if (e.propertyName !== undefined && (e.instancePath === '/steps' || e.instancePath === '/parameters')) return false;
    // At a path where one anyOf branch got deeper, the other branches' complaints are noise.
    return !deepest.has(e.instancePath) && !isBranchNoise(e, errors);
  });
}

/** A type/pattern error inside an anyOf branch at the same path as the anyOf error itself. */
function isBranchNoise(error: ErrorObject, all: ErrorObject[]): boolean {
  if (error.keyword === 'anyOf') return false;
  return all.some((o) => o.keyword === 'anyOf' && o.instancePath === error.instancePath && error.schemaPath.startsWith(o.schemaPath.replace(/\/anyOf$/, '/anyOf/')));
}

function reportError(error: ErrorObject, base: string, reporter: Reporter): void {
  const pointer = base + error.instancePath;
  if (error.propertyName !== undefined) {
    reporter.report('SMP2004', `${pointer}/${escapePointer(error.propertyName)}`, `name "${error.propertyName}" ${describe(error)}`, { at: 'key' });
    return;
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const near = closest(name, known);
      const hint = near ? `did you mean "${near}"?` : known.length ? `known properties: ${known.join(', ')}` : undefined;
      reporter.report('SMP2001', `${pointer}/${escapePointer(name)}`, `unknown property "${name}"`, { at: 'key', hint });
      return;
    }
    case 'required':
      reporter.report('SMP2002', pointer, `missing required property "${String(params.missingProperty)}"`, { at: 'key' });
      return;
    default:
      reporter.report(codeFor(error.keyword), pointer, describe(error), { ...enumHint(error), ...formsHint(error) });
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
      return /\\\$\\\{/.test(String(params.pattern))
        ? 'expected a literal value or a ${...} expression'
        : `must match ${String(params.pattern)}`;
    case 'anyOf':
      return 'does not match any of the allowed forms';
    default:
      return error.message ?? error.keyword;
  }
}

/** For a value matching none of a field's forms: the field's own description, which names them. */
function formsHint(error: ErrorObject): { hint?: string } {
  const description = error.keyword === 'anyOf' ? error.parentSchema?.description : undefined;
  return typeof description === 'string' ? { hint: `accepted: ${description}` } : {};
}

function enumHint(error: ErrorObject): { hint?: string } {
  if (error.keyword !== 'enum') return {};
  const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
  if (typeof error.data !== 'string') return {};
  const near = closest(error.data, allowed);
  return near ? { hint: `did you mean "${near}"?` } : {};
}
