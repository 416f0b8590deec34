import { isJsonObject, type Json } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import type { ImportContext, SpecStep } from './types.js';

const TYPES: Readonly<Record<string, string>> = { String: 'string', Integer: 'integer', Float: 'float', Boolean: 'boolean' };

/**
 * What callback and lambda steps share (src/steps/shared/outputs-params.ts): Arguments as
 * `inputs:`, OutputParameters as `outputs:` (name → type). Undefined when OutputParameters is not
 * a list of {OutputName, OutputType}: the kinds always write that list.
 */
export function inputsAndOutputs(step: Record<string, Json>, ctx: ImportContext): SpecStep | undefined {
  const list = step.OutputParameters;
  if (!Array.isArray(list)) return undefined;
  const outputs: SpecStep = {};
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.OutputName !== 'string' || typeof item.OutputType !== 'string' || !Object.hasOwn(TYPES, item.OutputType)) return undefined;
    if (Object.keys(item).length !== 2 || Object.hasOwn(outputs, item.OutputName)) return undefined;
    setOwn<unknown>(outputs, item.OutputName, TYPES[item.OutputType]);
  }
  const out: SpecStep = {};
  const args = step.Arguments;
  if (isJsonObject(args) && Object.keys(args).length) out.inputs = ctx.spec(args);
  if (Object.keys(outputs).length) out.outputs = outputs;
  return out;
}

/** `OutputParameters['x']` → `outputs.x`, for a declared output. */
export function outputProperty(rest: string, spec: SpecStep): string | undefined {
  const name = /^OutputParameters\['([A-Za-z0-9_-]+)'\]$/.exec(rest)?.[1];
  return name !== undefined && Object.hasOwn((spec.outputs ?? {}) as object, name) ? `outputs.${name}` : undefined;
}
