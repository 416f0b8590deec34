import { isJsonObject, type JsonObject } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import { describeShapeOf } from '../../steps/step.js';
import { resolvePropertyPath } from '../../check/api-shapes/check.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/** Envelope members with spec fields of their own (import/envelope.ts), and those of every step. */
export const COMMON_MEMBERS = ['Name', 'Type', 'Arguments', 'DependsOn', 'DisplayName', 'Description', 'CacheConfig', 'RetryPolicies'];

/**
 * Any step as the raw `step` kind (src/steps/step.ts): its Type, its Arguments under `arguments:`
 * and its other members under `envelope:`, values with expressions where they name them. What
 * every kind falls back to, and the only form of a Type no kind compiles to.
 */
export const rawImporter: StepImporter = {
  sugar: (step, ctx) => rawStep(step, ctx),
  property(rest, spec) {
    const shape = describeShapeOf(String(spec.type), rest);
    if (shape && !resolvePropertyPath(shape, rest).ok) return undefined;
    return `properties.${rest}`;
  },
  reports(spec) {
    const files = isJsonObject(spec.envelope as never) ? (spec.envelope as { PropertyFiles?: unknown }).PropertyFiles : undefined;
    return Array.isArray(files) ? files.flatMap((f) => (isJsonObject(f) && typeof f.PropertyFileName === 'string' ? [f.PropertyFileName] : [])) : [];
  },
};

export function rawStep(step: JsonObject, ctx: ImportContext): SpecStep {
  const out: SpecStep = { kind: 'step', type: step.Type };
  const envelope: SpecStep = {};
  for (const [key, value] of Object.entries(step)) if (!COMMON_MEMBERS.includes(key)) setOwn<unknown>(envelope, key, ctx.spec(value));
  if (Object.keys(envelope).length) out.envelope = envelope;
  if (isJsonObject(step.Arguments) && Object.keys(step.Arguments).length) out.arguments = ctx.spec(step.Arguments);
  return out;
}
