import { resolvePropertyPath } from '../../check/api-shapes/check.js';
import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import type { ImportContext } from './types.js';

/** `properties.<rest>` when the Describe* shape has that path (the kind checks it there too). */
export function describedPath(shape: string, rest: string): string | undefined {
  return resolvePropertyPath(shape, rest).ok ? `properties.${rest}` : undefined;
}

/** The object at `key`, or an empty one. */
export function objectAt(value: Json | undefined, key: string): JsonObject {
  const child = isJsonObject(value) ? value[key] : undefined;
  return isJsonObject(child) ? child : {};
}

/** Does `value` hold exactly these keys (no more), each present? */
export function hasExactly(value: JsonObject, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => k in value);
}

/** A map of strings/expressions as spec text, or undefined when one value has no text. */
export function textMap(value: Json | undefined, ctx: ImportContext): Record<string, string> | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const text = ctx.text(item);
    if (text === undefined) return undefined;
    setOwn<unknown>(out, key, text);
  }
  return out;
}

/** A list of strings/expressions as spec text, or undefined. */
export function textList(value: Json | undefined, ctx: ImportContext): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.map((item) => ctx.text(item));
  return out.every((t): t is string => t !== undefined) ? out : undefined;
}

/** A literal integer, or text for an expression (instance counts, volume sizes). */
export function integerOrText(value: Json | undefined, ctx: ImportContext): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return isJsonObject(value) ? ctx.text(value) : undefined;
}

/** `Tags: [{Key, Value}]` with literal values as the kinds' `tags:`; undefined when it is not that. */
export function tagsOf(value: Json | undefined): Record<string, string> | undefined {
  if (!Array.isArray(value) || !value.length) return undefined;
  const out: Record<string, string> = {};
  for (const tag of value) {
    if (!isJsonObject(tag) || !hasExactly(tag, ['Key', 'Value']) || typeof tag.Key !== 'string' || typeof tag.Value !== 'string' || tag.Value.includes('${')) return undefined;
    setOwn<unknown>(out, tag.Key, tag.Value);
  }
  return out;
}

/** A literal string (an enum value such as a content type); undefined for an expression or anything else. */
export function literal(value: Json | undefined): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** Sets `target[key]` when the value is defined. */
export function set(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
