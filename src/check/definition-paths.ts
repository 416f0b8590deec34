import { isJsonObject, type Json } from '../expr/types.js';
import type { PipelineSpec } from '../spec/types.js';
import { joinPointer, unescapePointer, valueAt } from '../spec/pointer.js';
import type { StepKind } from '../steps/types.js';
import { specPointer } from './api.js';

/** Where a JSON pointer into a definition lands: a step (by name, branches followed) or a parameter, and the rest of the path. */
export interface DefinitionPlace {
  step?: string;
  parameter?: string;
  rest: (string | number)[];
}

/** `/Steps/2/Arguments/IfSteps/0/Arguments/X` → step "Deploy", rest ["Arguments", "X"]. */
export function placeOf(definition: Json | undefined, pointer: string): DefinitionPlace {
  const parts: (string | number)[] = pointer.split('/').slice(1).map(unescapePointer).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const root = isJsonObject(definition) ? definition : {};
  if (parts[0] === 'Parameters' && Array.isArray(root.Parameters)) {
    const parameter = root.Parameters[parts[1] as number];
    return isJsonObject(parameter) && typeof parameter.Name === 'string' ? { parameter: parameter.Name, rest: parts.slice(2) } : { rest: parts };
  }
  if (parts[0] !== 'Steps') return { rest: parts };
  let step: Json | undefined = Array.isArray(root.Steps) ? root.Steps[parts[1] as number] : undefined;
  let i = 2;
  while (isJsonObject(step) && parts[i] === 'Arguments' && (parts[i + 1] === 'IfSteps' || parts[i + 1] === 'ElseSteps') && parts.length > i + 2) {
    const args = step.Arguments;
    const branch = isJsonObject(args) ? args[parts[i + 1] as string] : undefined;
    step = Array.isArray(branch) ? branch[parts[i + 2] as number] : undefined;
    i += 3;
  }
  return isJsonObject(step) && typeof step.Name === 'string' ? { step: step.Name, rest: parts.slice(i) } : { rest: parts };
}

/** Envelope members and the spec fields they come from. */
const ENVELOPE_FIELDS: Readonly<Record<string, string>> = {
  DependsOn: 'dependsOn', DisplayName: 'displayName', Description: 'description', CacheConfig: 'cache', RetryPolicies: 'retry',
};

/**
 * The spec line a finding about the compiled definition comes from: an Arguments path through
 * the step's `arguments:` or the sugar field that made it (check/api.ts), an envelope member
 * through its field (a raw step's `envelope:`), a parameter through its declaration.
 */
export function specPointerOf(definition: Json | undefined, pointer: string, kinds: ReadonlyMap<string, StepKind>, spec: PipelineSpec): string {
  const place = placeOf(definition, pointer);
  if (place.parameter !== undefined) return joinPointer('/parameters', place.parameter);
  if (place.step === undefined || !Object.hasOwn(spec.steps, place.step)) return '';
  const [head, ...rest] = place.rest;
  const base = joinPointer('/steps', place.step);
  if (head === 'Arguments') return specPointer(place.step, rest, kinds.get(place.step)?.api?.origins ?? {}, spec);
  if (typeof head === 'string' && Object.hasOwn(ENVELOPE_FIELDS, head)) return `${base}/${ENVELOPE_FIELDS[head]}`;
  if (head === undefined) return `${base}/kind`;
  const own = joinPointer('envelope', head, ...rest);
  if (valueAt(spec.steps[place.step], own) !== undefined) return `${base}/${own}`;
  const member = joinPointer('envelope', head);
  return valueAt(spec.steps[place.step], member) !== undefined ? `${base}/${member}` : `${base}/kind`;
}
