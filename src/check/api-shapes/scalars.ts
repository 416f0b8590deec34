import { problem, withHint } from '../../diagnostics/messages.js';
import type { Scalar } from './load.js';
import { enumHint } from './suggest.js';
import { type At, describe, report } from './types.js';

export function wrongType(at: At, expected: string, value: unknown): void {
  report(at, problem('SMP8005.wrongType', { request: at.request, where: at.where, expected, actual: describe(value) }));
}

function checkNumber(value: unknown, at: At): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(at, at.limit?.integer ? 'an integer' : 'a number', value);
  if (at.limit?.integer && !Number.isInteger(value)) return wrongType(at, 'an integer', value);
  const { min, max } = at.limit ?? {};
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    report(at, problem('SMP8004.range', { request: at.request, where: at.where, range: rangeText(min, max), value }));
  }
}

/** Checks a string's length in characters (code points), as SageMaker counts them. */
export function checkLength(value: string, at: At): void {
  const length = [...value].length;
  const { minLength, maxLength } = at.limit ?? {};
  if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) {
    report(at, problem('SMP8004.length', { request: at.request, where: at.where, range: rangeText(minLength, maxLength), length }));
  }
}

/** Checks the number of entries of a list or map. */
export function checkCount(count: number, at: At): void {
  const { minItems, maxItems } = at.limit ?? {};
  if ((minItems !== undefined && count < minItems) || (maxItems !== undefined && count > maxItems)) {
    report(at, problem('SMP8004.count', { request: at.request, where: at.where, range: rangeText(minItems, maxItems), count }));
  }
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** Literal checks per scalar wire type. */
export const SCALAR_CHECKS: Readonly<Record<Scalar, (value: unknown, at: At) => void>> = {
  string: (v, at) => (typeof v === 'string' ? checkLength(v, at) : wrongType(at, 'a string', v)),
  number: checkNumber,
  boolean: (v, at) => (typeof v === 'boolean' ? undefined : wrongType(at, 'true or false', v)),
  // The JSON protocol sends timestamps as epoch seconds; ISO-8601 strings are accepted too.
  timestamp: (v, at) => (typeof v === 'number' || typeof v === 'string' ? undefined : wrongType(at, 'a timestamp', v)),
  blob: (v, at) => (typeof v === 'string' ? undefined : wrongType(at, 'a base64 string', v)),
  document: () => undefined,
};

export function checkEnum(value: unknown, name: string, values: readonly string[], at: At): void {
  if (typeof value !== 'string') return wrongType(at, `a string (${name})`, value);
  if (!values.includes(value)) report(at, withHint(problem('SMP8003.enum', { request: at.request, value, name, where: at.where }), enumHint(value, values)));
}

export function checkIntEnum(value: unknown, name: string, values: readonly number[], at: At): void {
  if (typeof value !== 'number') return wrongType(at, `a number (${name})`, value);
  if (!values.includes(value)) report(at, problem('SMP8003.intEnum', { request: at.request, value, name, where: at.where, values: values.join(', ') }));
}
