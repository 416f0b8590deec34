import type { ErrorObject } from 'ajv';
import { joinPointer } from '../../spec/pointer.js';
import { ajvFindings } from '../../util/ajv-errors.js';

/** One output-schema violation: a JSON pointer into the definition and a sentence. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/**
 * "must be string, or an object with Get, Std:Join or Std:JsonGet": one sentence for a value
 * that matches no alternative, built from what each alternative wanted at that spot.
 */
function summarize(path: string, sameLevel: ErrorObject[]): SchemaProblem {
  const types = new Set<string>();
  const keys = new Set<string>();
  for (const error of sameLevel) {
    const key = namingKey(error);
    if (key !== undefined) keys.add(key);
    else if (error.keyword === 'type') String(error.params['type']).split(',').forEach((t) => types.add(t));
    if (error.keyword === 'required') keys.add(String(error.params['missingProperty']));
  }
  // "object" says less than the keys an object alternative wanted, so it yields to them.
  if (keys.size > 0) types.delete('object');
  const listed = [...keys].sort().join(', ');
  if (types.size === 0 && keys.size > 0) return { path, message: `must have one of: ${listed}` };
  const parts = [...types].sort();
  if (keys.size > 0) parts.push(`an object with one of: ${listed}`);
  const expected = parts.length > 0 ? parts.join(' or ') : 'one of the allowed forms';
  return { path, message: `must be ${expected}` };
}

/**
 * For "must be object" from an object that needs exactly one key ({"Get": ...},
 * {"Std:Join": ...}), that key: it says which object was meant. Needs ajv's verbose errors.
 */
function namingKey(error: ErrorObject): string | undefined {
  if (error.keyword !== 'type' || error.params['type'] !== 'object') return undefined;
  const required = (error.parentSchema as { required?: unknown } | undefined)?.required;
  return Array.isArray(required) && required.length === 1 ? String(required[0]) : undefined;
}

/** A plain error, rewritten so it points at the offending key and says what is wrong. */
function describe(error: ErrorObject): SchemaProblem {
  const path = error.instancePath;
  const { params } = error;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { path: joinPointer(path, name), message: `unknown property "${name}"` };
    }
    case 'required':
      return { path, message: `missing required property "${String(params['missingProperty'])}"` };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).join(', ');
      const got = typeof error.data === 'string' ? `"${error.data}" is not allowed; ` : '';
      return { path, message: `${got}must be one of: ${allowed}` };
    }
    case 'discriminator':
      return discriminatorProblem(error);
    case 'not':
      return { path, message: 'must not set both MaxAttempts and ExpireAfterMin' }; // the schema's only `not`
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

function discriminatorProblem(error: ErrorObject): SchemaProblem {
  const tag = String(error.params['tag']);
  const value = error.params['tagValue'];
  const path = joinPointer(error.instancePath, tag);
  if (typeof value !== 'string') return { path, message: `"${tag}" must be a string` };
  return { path, message: `unknown ${tag} "${value}"` };
}

/**
 * Turns ajv's allErrors output into one problem per real mistake, in ajv's (document) order: a
 * value that matches no alternative becomes one summary sentence (util/ajv-errors.ts).
 */
export function toProblems(errors: readonly ErrorObject[]): SchemaProblem[] {
  const problems = ajvFindings(errors).flatMap((finding) => {
    if (!('error' in finding)) return [summarize(finding.path, finding.alternatives)];
    return isRedundant(finding.error, errors) ? [] : [describe(finding.error)];
  });
  return dedupe(problems);
}

/**
 * The discriminator repeats what `required` (missing Type) or the Type enum (unknown Type)
 * already says at the same spot; keep those, which name the allowed values.
 */
function isRedundant(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  if (error.keyword !== 'discriminator') return false;
  const tag = String(error.params['tag']);
  const tagPath = joinPointer(error.instancePath, tag);
  return errors.some(
    (e) =>
      (e.instancePath === tagPath && e.keyword !== 'discriminator') ||
      (e.instancePath === error.instancePath && e.keyword === 'required' && e.params['missingProperty'] === tag),
  );
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
