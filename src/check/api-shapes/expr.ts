import { problem } from '../../diagnostics/messages.js';
import type { Resolved } from './load.js';
import { type At, type ExprType, isPlainObject, report } from './types.js';

/** The pipeline functions that stand for a value at run time. */
const EXPRESSION_KEYS: ReadonlySet<string> = new Set(['Get', 'Std:Join', 'Std:JsonGet']);

/** The value when it is a pipeline expression: an object whose single key is Get, Std:Join or Std:JsonGet. */
export function asExpression(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && EXPRESSION_KEYS.has(keys[0]!) ? value : undefined;
}

type Target = 'string' | 'number' | 'integer' | 'boolean' | 'document';

const ACCEPTS: Readonly<Record<Target, readonly ExprType[]>> = {
  string: ['string'],
  number: ['integer', 'float'],
  integer: ['integer'],
  boolean: ['boolean'],
  document: ['string', 'integer', 'float', 'boolean'],
};

/** What an expression must evaluate to in this position; undefined where only a literal structure, list or map fits. */
function targetOf(resolved: Resolved, at: At): Target | undefined {
  if (resolved.kind === 'scalar') {
    const { scalar } = resolved;
    if (scalar === 'number') return at.limit?.integer ? 'integer' : 'number';
    return scalar === 'timestamp' || scalar === 'blob' ? 'string' : scalar;
  }
  if (resolved.shape.type === 'enum') return 'string';
  return resolved.shape.type === 'intEnum' ? 'integer' : undefined;
}

/**
 * An expression stands for any value of its type: its type must fit the position, but enum
 * membership and ranges cannot be known before the pipeline runs, so they are not checked.
 */
export function checkExpression(expr: Record<string, unknown>, resolved: Resolved, at: At): void {
  const target = targetOf(resolved, at);
  if (target === undefined) {
    const kind = resolved.kind === 'shape' ? resolved.shape.type : resolved.scalar;
    return report(at, problem('SMP8005.notSingleValue', { request: at.request, where: at.where, kind }));
  }
  if (resolved.kind === 'shape' && resolved.shape.type === 'enum') at.onEnumExpression?.(expr, resolved.name, resolved.shape.values);
  const type: ExprType = 'Std:Join' in expr ? 'string' : at.exprType(expr);
  if (type !== 'any' && !ACCEPTS[target].includes(type)) {
    report(at, problem('SMP8005.expressionType', { request: at.request, where: at.where, expected: target === 'document' ? 'a value' : `a ${target}`, type }));
  }
}
