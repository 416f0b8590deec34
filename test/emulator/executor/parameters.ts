/** Binds StartPipelineExecution's PipelineParameters (strings) to the definition's typed parameters. */
import type { ParameterDef } from '../definition/parse.js';
import type { Json } from '../definition/refs.js';
import { validationError } from '../sagemaker/errors.js';

export interface GivenParameter { Name: string; Value: string }

export function bindParameters(definitions: ParameterDef[], given: GivenParameter[] = []): Record<string, Json> {
  const byName = new Map(definitions.map((d) => [d.Name, d]));
  const values: Record<string, Json> = {};
  for (const p of given) {
    const definition = byName.get(p.Name);
    if (!definition) throw validationError(`Parameter '${p.Name}' is not defined in the pipeline definition.`);
    if (p.Name in values) throw validationError(`Parameter '${p.Name}' is given more than once.`);
    values[p.Name] = convert(definition, p.Value);
  }
  for (const d of definitions) {
    if (d.Name in values) continue;
    if (d.DefaultValue === undefined) throw validationError(`Parameter '${d.Name}' has no default value and must be given.`);
    values[d.Name] = d.DefaultValue;
  }
  return values;
}

function convert(definition: ParameterDef, text: string): Json {
  const value = typed(definition.Type, text);
  if (value === undefined) throw validationError(`Value '${text}' for parameter '${definition.Name}' is not a valid ${definition.Type}.`);
  const allowed = definition.EnumValues;
  if (Array.isArray(allowed) && !allowed.some((a) => String(a) === String(value))) {
    throw validationError(`Value '${text}' for parameter '${definition.Name}' is not one of the allowed values [${allowed.join(', ')}].`);
  }
  return value;
}

function typed(type: ParameterDef['Type'], text: string): Json | undefined {
  switch (type) {
    case 'Integer': return /^[-+]?\d+$/.test(text.trim()) ? Number(text) : undefined;
    case 'Float': return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'Boolean': return /^(true|false)$/i.test(text.trim()) ? text.trim().toLowerCase() === 'true' : undefined;
    default: return text;
  }
}
