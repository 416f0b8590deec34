/**
 * When an imported spec "gives the same Parameters and Steps": the same values once each is put
 * in one normal form, for the few spellings of one run-time value that the service treats alike.
 *
 * - Std:Join: `On: "/"` over a, b is `On: ""` over a, "/", b; nested joins flatten; literal
 *   numbers and booleans are their text; adjacent literals merge; empty literals drop; a join of
 *   literals only is that text, and a join of one value is that value (the service converts it to
 *   text where text is wanted, as the SDK's `to_string()` asks it to).
 * - CacheConfig: disabled is absent; ExpireAfter in strict ISO 8601 (30d is P30D).
 * - Key order does not matter; list order does.
 */
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { isoDuration } from '../compile/envelope.js';

export function normalize(value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => normalize(v) ?? null);
  if (!isJsonObject(value)) return value;
  const join = value['Std:Join'];
  if (Object.keys(value).length === 1 && isJsonObject(join)) return normalJoin(join);
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const child = normalize(value[key]);
    if (child !== undefined) out[key] = child;
  }
  return out;
}

function normalJoin(join: JsonObject): Json {
  const on = typeof join.On === 'string' ? join.On : '';
  const parts: Json[] = [];
  const push = (part: Json): void => {
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else if (part !== '') parts.push(part);
  };
  (Array.isArray(join.Values) ? join.Values : []).forEach((value, i) => {
    if (i > 0) push(on);
    const part = normalize(value) ?? null;
    const inner = isJsonObject(part) ? part['Std:Join'] : undefined;
    if (isJsonObject(inner) && Array.isArray(inner.Values)) inner.Values.forEach(push);
    else push(typeof part === 'number' || typeof part === 'boolean' ? String(part) : part);
  });
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0] as Json;
  return { 'Std:Join': { On: '', Values: parts } };
}

/** A step envelope in normal form: branch members by name only (each is compared on its own). */
export function normalStep(step: JsonObject): Json {
  const out: JsonObject = { ...step };
  if (step.Type === 'Condition' && isJsonObject(step.Arguments)) {
    const args: JsonObject = { ...step.Arguments };
    for (const branch of ['IfSteps', 'ElseSteps']) {
      const list = args[branch];
      args[branch] = Array.isArray(list) ? list.map((s) => (isJsonObject(s) ? String(s.Name) : null)) : [];
    }
    out.Arguments = args;
  }
  const cache = normalCache(step.CacheConfig);
  if (cache === undefined) delete out.CacheConfig;
  else out.CacheConfig = cache;
  return normalize(out) ?? null;
}

function normalCache(config: Json | undefined): Json | undefined {
  if (!isJsonObject(config) || config.Enabled !== true) return undefined;
  const expire = config.ExpireAfter;
  return typeof expire === 'string' && expire ? { Enabled: true, ExpireAfter: isoDuration(expire) } : { Enabled: true };
}

/** The first path where two normal forms differ (`Arguments.HyperParameters.lr`), or undefined when equal. */
export function firstDifference(a: Json | undefined, b: Json | undefined, path: string[] = []): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  const here = path.length ? path.join('.') : '(the whole step)';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${here} (${a.length} items, not ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], [...path.slice(0, -1), `${path[path.length - 1] ?? ''}[${i}]`]);
      if (found) return found;
    }
  }
  if (isJsonObject(a) && isJsonObject(b) && !isFunction(a) && !isFunction(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const found = firstDifference(a[key], b[key], [...path, key]);
      if (found) return found;
    }
  }
  return here;
}

function isFunction(value: JsonObject): boolean {
  return ['Get', 'Std:Join', 'Std:JsonGet'].some((k) => k in value);
}
