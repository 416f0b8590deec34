/** Evaluates a condition step's (already resolved) Conditions; all of them must hold. */
import { isObject, type Json, type JsonObject } from '../definition/refs.js';
import { render, ResolveError } from './resolver.js';

const ORDER: Record<string, (difference: number) => boolean> = {
  GreaterThan: (d) => d > 0,
  GreaterThanOrEqualTo: (d) => d >= 0,
  LessThan: (d) => d < 0,
  LessThanOrEqualTo: (d) => d <= 0,
};

export function evaluateConditions(conditions: Json[]): boolean {
  return conditions.every((condition) => evaluate(condition));
}

function evaluate(condition: Json): boolean {
  if (!isObject(condition)) throw new ResolveError('A condition must be an object.');
  const type = String(condition['Type']);
  if (type in ORDER) return ORDER[type]!(compare(condition['LeftValue'], condition['RightValue']));
  switch (type) {
    case 'Equals': return equals(condition['LeftValue'], condition['RightValue']);
    case 'In': return list(condition, 'Values').some((v) => equals(condition['QueryValue'], v));
    case 'Not': return !evaluate(condition['Expression'] ?? null);
    case 'Or': return list(condition, 'Conditions').some((c) => evaluate(c));
    default: throw new ResolveError(`Unsupported condition type '${type}'.`);
  }
}

function list(condition: JsonObject, field: string): Json[] {
  const value = condition[field];
  if (!Array.isArray(value)) throw new ResolveError(`Condition ${String(condition['Type'])} needs a list '${field}'.`);
  return value;
}

/** Numbers compare as numbers (a parameter "0.5" equals 0.5); everything else as text. */
function equals(left: Json | undefined, right: Json | undefined): boolean {
  if (typeof left === 'number' || typeof right === 'number') {
    const [a, b] = [Number(left), Number(right)];
    if (Number.isFinite(a) && Number.isFinite(b)) return a === b;
  }
  return render(left ?? null) === render(right ?? null);
}

const numeric = (value: Json | undefined): boolean =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));

function compare(left: Json | undefined, right: Json | undefined): number {
  const [a, b] = [Number(left), Number(right)];
  if (!numeric(left) || !numeric(right)) {
    throw new ResolveError(`Cannot compare ${JSON.stringify(left)} with ${JSON.stringify(right)} as numbers.`);
  }
  return a - b;
}
