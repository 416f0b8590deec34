import type { Reporter } from '../diagnostics/reporter.js';
import { closest } from '../util/suggest.js';
import { specSchema, stepSchema } from '../spec/schema.js';
import { validateAgainst } from '../spec/validate.js';
import { KINDS, KIND_LIST, isKind } from '../steps/index.js';
import { joinPointer } from '../spec/pointer.js';
import type { JsonSchema } from '../spec/schema-helpers.js';

const topLevel = specSchema(KIND_LIST, false);
const perKind = new Map<string, JsonSchema>(
  KIND_LIST.map((k) => [k.kind, stepSchema(k, KIND_LIST.map((x) => x.kind))]),
);

/** Every schema validateSpecShape uses, for spec/spec-validators.ts to precompile. */
export const SPEC_SHAPE_SCHEMAS: readonly JsonSchema[] = [topLevel, ...perKind.values()];

/**
 * Validates the spec's shape: the top level once, then each step against its
 * own kind's schema, so an error points at the offending key of that step
 * instead of "matches none of 13 step kinds".
 */
export function validateSpecShape(value: unknown, reporter: Reporter): { validSteps: Set<string> } | undefined {
  const topValid = validateAgainst(topLevel, value, '', reporter);
  const steps = (value as { steps?: unknown } | null)?.steps;
  if (!topValid && (typeof steps !== 'object' || steps === null || Array.isArray(steps))) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const validSteps = new Set<string>();
  for (const [name, step] of Object.entries(steps as Record<string, unknown>)) {
    if (validateStep(name, step, reporter)) validSteps.add(name);
  }
  return { validSteps };
}

function validateStep(name: string, step: unknown, reporter: Reporter): boolean {
  const pointer = joinPointer('/steps', name);
  const kind = (step as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string') return false; // reported by the top-level schema
  if (!isKind(kind)) {
    const near = closest(kind, Object.keys(KINDS));
    const at = joinPointer(pointer, 'kind');
    if (near) reporter.report('SMP2006.unknownKindNear', at, { kind, near });
    else reporter.report('SMP2006.unknownKind', at, { kind, kinds: Object.keys(KINDS).join(', ') });
    return false;
  }
  return validateAgainst(perKind.get(kind) as JsonSchema, step, pointer, reporter);
}
