import { setOwn } from './own.js';

/**
 * The one serialisation of definitions and manifests: insertion-ordered keys as
 * the compiler builds them, two-space indent, trailing newline. The compiler
 * builds every object in a fixed order, so this is byte-identical run to run.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Key-sorted form for comparing a deployed definition with a compiled one. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) setOwn(out, key, sortKeys((value as Record<string, unknown>)[key]));
  return out;
}
