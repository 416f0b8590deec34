/**
 * Output parameters of callback and lambda steps: every declared OutputName must get a value,
 * converted to its OutputType (String, Integer, Float, Boolean); Steps.<step>.OutputParameters['x']
 * then reads it.
 */
import type { Json } from '../expr/types.js';
import type { JsonObject, PlannedStep } from './definition.js';
import { StepFailure } from './errors.js';

function convert(name: string, type: string, value: unknown): Json {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (type) {
    case 'Integer':
      if (/^[-+]?\d+$/.test(text.trim())) return Number(text);
      break;
    case 'Float':
      if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
      break;
    case 'Boolean':
      if (/^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
      break;
    default:
      return text;
  }
  throw new StepFailure(`Output parameter '${name}' is declared ${type}, got ${JSON.stringify(value)}.`);
}

/** `values` by name (an object, or the API's [{Name, Value}] list). */
export function outputParameters(step: PlannedStep, values: unknown, source: string): JsonObject {
  const byName: Record<string, unknown> = {};
  if (Array.isArray(values)) {
    for (const v of values) if (v && typeof v === 'object' && 'Name' in v) byName[String((v as { Name: unknown }).Name)] = (v as { Value?: unknown }).Value;
  } else if (values && typeof values === 'object') {
    Object.assign(byName, values);
  }
  const out: JsonObject = {};
  for (const declared of step.step.OutputParameters ?? []) {
    if (!(declared.OutputName in byName)) throw new StepFailure(`${source} gives no value for output parameter '${declared.OutputName}'.`);
    out[declared.OutputName] = convert(declared.OutputName, declared.OutputType ?? 'String', byName[declared.OutputName]);
  }
  return out;
}

export function declaredOutputs(step: PlannedStep): string[] {
  return (step.step.OutputParameters ?? []).map((p) => p.OutputName);
}
