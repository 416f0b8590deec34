import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import { toProblems, type SchemaProblem } from './errors.js';
// Type-only, so erased from the output: it makes tsc compile and emit the generated module
// (validator.generated.cts → .cjs), which is otherwise only named in a require() string.
import type * as Generated from './validator.generated.cjs';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let validator: CompiledValidator | undefined;

/**
 * The precompiled validator (validator.generated.cts), loaded on first use: requiring it costs
 * ~30 ms, where compiling the schema with ajv at run time costs ~0.4 s.
 */
function compiled(): CompiledValidator {
  validator ??= (createRequire(import.meta.url)('./validator.generated.cjs') as typeof Generated & CompiledValidator);
  return validator;
}

/**
 * Checks a compiled pipeline definition against AWS's definition schema as corrected by smpipe
 * (SCHEMA_CORRECTIONS). Returns every problem (empty when valid); never throws for bad input.
 */
export function validateDefinition(definition: unknown): SchemaProblem[] {
  const validate = compiled();
  if (validate(definition)) return [];
  return toProblems(validate.errors ?? []);
}
