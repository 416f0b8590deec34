/**
 * The run-time references (`Get`) inside a definition value, each at the path of the field that
 * holds it. No imports: the compiler's step kinds use it as well as the checks.
 */
import type { Json } from '../expr/types.js';

/** A run-time reference inside a value, at the path of the field that holds it. */
export interface ValueRef {
  path: (string | number)[];
  /** `Execution.<variable>` */
  variable?: string;
  /** `Steps.<step>.…` (a property, a property file). */
  step?: string;
  /** The whole `Get` string. */
  get: string;
}

/**
 * Every `Get` under `value`. The path stops at the field that holds an expression, so a
 * `Std:Join` of several parts is reported once, at its field.
 */
export function valueRefs(value: Json | undefined, path: (string | number)[] = []): ValueRef[] {
  const out: ValueRef[] = [];
  const visit = (node: Json | undefined, at: (string | number)[], inside: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, inside ? at : [...at, i], inside));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (typeof node.Get === 'string') out.push(refOf(node.Get, at));
    const isFunction = 'Get' in node || Object.keys(node).some((k) => k.startsWith('Std:'));
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'Get') visit(child, inside || isFunction ? at : [...at, key], inside || isFunction);
    }
  };
  visit(value, path, false);
  return out;
}

function refOf(get: string, path: (string | number)[]): ValueRef {
  const parts = get.split('.');
  if (parts[0] === 'Execution') return { path, variable: parts[1] ?? '', get };
  if (parts[0] === 'Steps') return { path, step: parts[1] ?? '', get };
  return { path, get };
}

/** `InputDataConfig[0].DataSource.S3DataSource.S3Uri` */
export function showPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
