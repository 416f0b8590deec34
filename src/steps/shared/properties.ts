import { resolvePropertyPath } from '../../check/api-shapes/check.js';
import type { ExprType } from '../../expr/types.js';
import type { PropertyRequest, PropertyResult } from '../types.js';

/** Splits `outputs.train` into `["outputs", "train"]` at the first dot. */
export function splitTail(tail: string): [string, string] {
  const dot = tail.indexOf('.');
  return dot < 0 ? [tail, ''] : [tail.slice(0, dot), tail.slice(dot + 1)];
}

/** `${steps.S.properties.<Describe path>}`: checked against the Describe* response shape. */
export function describeProperty(request: PropertyRequest, describeShape: string, path: string): PropertyResult {
  if (!path) return { ok: false, code: 'SMP3008', message: `give a property path after "properties.", e.g. steps.${request.stepName}.properties.<Field>` };
  const resolved = resolvePropertyPath(describeShape, path);
  if (!resolved.ok) return { ok: false, code: 'SMP3008', message: `${describeShape}: ${resolved.message}`, hint: resolved.hint };
  const scalar: ExprType = ['string', 'integer', 'float', 'boolean'].includes(resolved.type) ? (resolved.type as ExprType) : 'json';
  return { ok: true, type: scalar, get: `Steps.${request.stepName}.${path}` };
}

export function unknownProperty(request: PropertyRequest, kind: string, known: readonly string[]): PropertyResult {
  return {
    ok: false,
    code: 'SMP3013',
    message: `a ${kind} step exposes no "${request.tail}"`,
    hint: `use one of: ${known.map((k) => `steps.${request.stepName}.${k}`).join(', ')}`,
  };
}

/** `outputs.NAME` of a step declaring named outputs. */
export function namedOutput(request: PropertyRequest, name: string, declared: Record<string, unknown> | undefined, toResult: (name: string) => PropertyResult): PropertyResult {
  if (!name) return { ok: false, code: 'SMP3006', message: `name the output: steps.${request.stepName}.outputs.<name>` };
  if (declared && Object.prototype.hasOwnProperty.call(declared, name)) return toResult(name);
  const names = Object.keys(declared ?? {});
  return { ok: false, code: 'SMP3006', message: `step "${request.stepName}" has no output "${name}"`, hint: names.length ? `outputs: ${names.join(', ')}` : 'it declares no outputs' };
}
