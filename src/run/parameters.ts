/**
 * Pipeline parameters for a local execution: each definition parameter's default, overridden by
 * --param NAME=VALUE, checked as `smpipe start` checks them (names, types, allowed values).
 */
import type { Json } from '../expr/types.js';
import type { Manifest } from '../compile/manifest.js';
import { checkParameters, parseAs, rulesFromDefinition, rulesFromSpec } from '../deploy/parameters.js';
import { DeployError } from '../deploy/errors.js';
import type { JsonObject, ParameterDef } from './definition.js';
import { RunError } from './errors.js';

const TYPES = { String: 'string', Integer: 'integer', Float: 'float', Boolean: 'boolean' } as const;

export function bindParameters(definition: JsonObject, manifest: Manifest, defs: readonly ParameterDef[], given: readonly string[]): Record<string, Json> {
  const rules = manifest.parameters && Object.keys(manifest.parameters).length ? rulesFromSpec(manifest.parameters) : rulesFromDefinition(definition);
  let checked;
  try {
    checked = checkParameters(given, rules);
  } catch (error) {
    if (error instanceof DeployError) throw new RunError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), exitCode: 2 });
    throw error;
  }
  const values: Record<string, Json> = {};
  for (const def of defs) if (def.DefaultValue !== undefined) values[def.Name] = def.DefaultValue;
  for (const { Name, Value } of checked) {
    const def = defs.find((d) => d.Name === Name);
    values[Name] = def ? (parseAs(Value, TYPES[def.Type] ?? 'string') ?? Value) : Value;
  }
  return values;
}
