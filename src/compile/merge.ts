import type { Json } from '../expr/types.js';
import { isPipelineFunction } from '../expr/types.js';
import { setOwn } from '../util/own.js';

/**
 * The `arguments:` escape hatch: raw API fields merged last. Objects merge key by
 * key; arrays, scalars and pipeline functions replace what the sugar produced.
 */
export function mergeArguments(base: Json, override: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    setOwn(out, key, Object.hasOwn(out, key) ? mergeArguments(out[key] as Json, value) : value);
  }
  return out;
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isPipelineFunction(value);
}
