/**
 * A condition step's (resolved) Conditions, all of which must hold: Equals, GreaterThan[OrEqualTo],
 * LessThan[OrEqualTo], In, Not (Expression), Or (Conditions) — the ConditionStep types of the
 * pipeline definition schema. Numbers compare as numbers (a "0.7" read from a property file
 * equals 0.7); anything else compares as text.
 */
import type { Json } from '../expr/types.js';
import { isObject, type JsonObject } from './definition.js';
import { StepFailure } from './errors.js';
import { renderValue } from './expressions.js';

const ORDER: Record<string, (difference: number) => boolean> = {
  GreaterThan: (d) => d > 0,
  GreaterThanOrEqualTo: (d) => d >= 0,
  LessThan: (d) => d < 0,
  LessThanOrEqualTo: (d) => d <= 0,
};

export function evaluateConditions(conditions: Json | undefined): boolean {
  if (!Array.isArray(conditions)) throw new StepFailure('A condition step needs a Conditions list.');
  return conditions.every((c) => evaluate(c));
}

function evaluate(condition: Json): boolean {
  if (!isObject(condition)) throw new StepFailure('A condition must be an object.');
  const type = String(condition.Type);
  const order = ORDER[type];
  if (order) return order(compare(condition.LeftValue, condition.RightValue));
  switch (type) {
    case 'Equals':
      return equals(condition.LeftValue, condition.RightValue);
    case 'In':
      return list(condition, 'Values').some((v) => equals(condition.QueryValue, v));
    case 'Not':
      return !evaluate(condition.Expression ?? null);
    case 'Or':
      return list(condition, 'Conditions').some((c) => evaluate(c));
    default:
      throw new StepFailure(`Unsupported condition type '${type}'.`);
  }
}

function list(condition: JsonObject, field: string): Json[] {
  const value = condition[field];
  if (!Array.isArray(value)) throw new StepFailure(`Condition ${String(condition.Type)} needs a list '${field}'.`);
  return value;
}

const numeric = (value: Json | undefined): boolean =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));

function equals(left: Json | undefined, right: Json | undefined): boolean {
  if ((typeof left === 'number' || typeof right === 'number') && numeric(left) && numeric(right)) return Number(left) === Number(right);
  return renderValue(left ?? null) === renderValue(right ?? null);
}

function compare(left: Json | undefined, right: Json | undefined): number {
  if (!numeric(left) || !numeric(right)) throw new StepFailure(`Cannot compare ${JSON.stringify(left)} with ${JSON.stringify(right)} as numbers.`);
  return Number(left) - Number(right);
}
