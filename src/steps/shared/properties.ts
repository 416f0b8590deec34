import { resolvePropertyPath } from '../../check/api-shapes/check.js';
import { problem } from '../../diagnostics/messages.js';
import type { ExprType } from '../../expr/types.js';
import type { PropertyRequest, PropertyResult } from '../types.js';

/** Splits `outputs.train` into `["outputs", "train"]` at the first dot. */
export function splitTail(tail: string): [string, string] {
  const dot = tail.indexOf('.');
  return dot < 0 ? [tail, ''] : [tail.slice(0, dot), tail.slice(dot + 1)];
}

/** `${steps.S.properties.<Describe path>}`: checked against the Describe* response shape. */
export function describeProperty(request: PropertyRequest, describeShape: string, path: string): PropertyResult {
  if (!path) return { ok: false, problem: problem('SMP3008.pathMissing', { step: request.stepName }) };
  const resolved = resolvePropertyPath(describeShape, path);
  if (!resolved.ok) {
    const found = problem('SMP3008.notInShape', { shape: describeShape, problem: resolved.message });
    return { ok: false, problem: resolved.hint === undefined ? found : { ...found, hint: resolved.hint } };
  }
  const scalar: ExprType = ['string', 'integer', 'float', 'boolean'].includes(resolved.type) ? (resolved.type as ExprType) : 'json';
  return { ok: true, type: scalar, get: `Steps.${request.stepName}.${path}` };
}

/**
 * `name`, `arn` and `properties.<Describe path>` of a step that creates a named resource: the
 * step's `<Resource>Name` and `<Resource>Arn` properties (model, endpoint config, endpoint).
 */
export function resourceProperty(request: PropertyRequest, kind: string, resource: string, describeShape: string): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'name' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.${resource}Name` };
  if (head === 'arn' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.${resource}Arn` };
  if (head === 'properties') return describeProperty(request, describeShape, rest);
  return unknownProperty(request, kind, ['name', 'arn', 'properties.<Describe path>']);
}

export function unknownProperty(request: PropertyRequest, kind: string, known: readonly string[]): PropertyResult {
  const listed = known.map((k) => `steps.${request.stepName}.${k}`).join(', ');
  return { ok: false, problem: problem('SMP3013.unknownProperty', { kind, tail: request.tail, known: listed }) };
}

/** `outputs.NAME` of a step declaring named outputs. */
export function namedOutput(request: PropertyRequest, name: string, declared: Readonly<Record<string, unknown>> | undefined, toResult: (name: string) => PropertyResult): PropertyResult {
  const step = request.stepName;
  if (!name) return { ok: false, problem: problem('SMP3006.outputName', { step }) };
  if (declared && Object.hasOwn(declared, name)) return toResult(name);
  const names = Object.keys(declared ?? {});
  if (!names.length) return { ok: false, problem: problem('SMP3006.noOutputDeclared', { step, name }) };
  return { ok: false, problem: problem('SMP3006.noOutput', { step, name, outputs: names.join(', ') }) };
}
