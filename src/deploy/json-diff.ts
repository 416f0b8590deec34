import { sortedJson } from '../util/canonical-json.js';

/** One changed leaf: `undefined` on either side means the field is absent there. */
export interface FieldDiff {
  path: string;
  from: unknown;
  to: unknown;
}

/**
 * The changed fields between two JSON values, as JS-style paths (`Arguments.Inputs[0].S3Uri`,
 * `HyperParameters['train/loss']`), in key-sorted order so output never depends on key order.
 * Arrays are compared index by index; a value that changes type is reported once, whole.
 */
export function diffJson(from: unknown, to: unknown, path = ''): FieldDiff[] {
  if (sortedJson(from) === sortedJson(to)) return [];
  if (isObject(from) && isObject(to)) return diffObjects(from, to, path);
  if (Array.isArray(from) && Array.isArray(to)) return diffArrays(from, to, path);
  return [{ path: path || '(root)', from, to }];
}

function diffObjects(from: Record<string, unknown>, to: Record<string, unknown>, path: string): FieldDiff[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return keys.flatMap((key) => diffJson(from[key], to[key], joinKey(path, key)));
}

function diffArrays(from: unknown[], to: unknown[], path: string): FieldDiff[] {
  const length = Math.max(from.length, to.length);
  return Array.from({ length }, (_, i) => diffJson(from[i], to[i], `${path}[${i}]`)).flat();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function joinKey(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** A value for one line of plan output: JSON, long ones cut in the middle (URIs keep their ends). */
export function showValue(value: unknown, max = 72): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  if (text.length <= max) return text;
  const keep = Math.floor((max - 1) / 2);
  return `${text.slice(0, keep)}…${text.slice(text.length - keep)}`;
}
