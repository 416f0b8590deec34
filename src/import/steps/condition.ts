/**
 * A Condition step as the condition kind: its Conditions back to `when:` text (one item per
 * top-level condition, so each compiles to the same entry), IfSteps/ElseSteps to `then:`/`else:`
 * (the branch steps are imported as steps of their own). `Not(Equals)` reads `a != b`, as the kind
 * writes it; every other Not and Or is written out, so nothing is regrouped.
 */
import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

const COMPARISONS: Readonly<Record<string, string>> = {
  Equals: '==', GreaterThan: '>', GreaterThanOrEqualTo: '>=', LessThan: '<', LessThanOrEqualTo: '<=',
};

/** What a condition's `when:` says when its Conditions have no text: `arguments:` then holds them. */
export const UNSAID_CONDITION = 'true == true';

export const conditionImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const names = (list: Json | undefined) => (Array.isArray(list) ? list.filter(isJsonObject).map((s) => String(s.Name)) : []);
    const conditions = Array.isArray(args.Conditions) ? args.Conditions.map((c) => conditionText(c, ctx)) : [];
    const when = conditions.length && conditions.every((c): c is string => c !== undefined) ? conditions : [UNSAID_CONDITION];
    const out: SpecStep = { kind: 'condition', when: when.length === 1 ? when[0] : when };
    const then = names(args.IfSteps);
    const otherwise = names(args.ElseSteps);
    if (then.length) out.then = then;
    if (otherwise.length) out.else = otherwise;
    return out;
  },
  property: (rest) => (rest === 'Outcome' ? 'outcome' : undefined),
};

/** One condition as `when:` text, or undefined when part of it has none. */
export function conditionText(condition: Json, ctx: ImportContext): string | undefined {
  if (!isJsonObject(condition)) return undefined;
  const type = String(condition.Type);
  if (Object.hasOwn(COMPARISONS, type)) return comparison(condition, COMPARISONS[type] as string, ctx);
  if (type === 'Not') {
    const inner = condition.Expression;
    if (isJsonObject(inner) && inner.Type === 'Equals') {
      const text = comparison(inner, '!=', ctx);
      if (text !== undefined) return text;
    }
    const text = conditionText(inner ?? null, ctx);
    return text === undefined ? undefined : `not (${text})`;
  }
  if (type === 'Or' && Array.isArray(condition.Conditions) && condition.Conditions.length) {
    const parts = condition.Conditions.map((c) => conditionText(c, ctx));
    return parts.every((p): p is string => p !== undefined) ? `(${parts.join(' or ')})` : undefined;
  }
  if (type === 'In' && Array.isArray(condition.Values)) {
    const value = operand(condition.QueryValue, ctx);
    const list = condition.Values.map((v) => operand(v, ctx));
    return value !== undefined && list.every((v): v is string => v !== undefined) ? `${value} in [${list.join(', ')}]` : undefined;
  }
  return undefined;
}

function comparison(condition: JsonObject, op: string, ctx: ImportContext): string | undefined {
  const left = operand(condition.LeftValue, ctx);
  const right = operand(condition.RightValue, ctx);
  return left === undefined || right === undefined ? undefined : `${left} ${op} ${right}`;
}

/** An operand: one `${...}`, a number, a quoted string, true or false (the `when:` grammar, expr/condition-parser.ts). */
function operand(value: Json | undefined, ctx: ImportContext): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  if (!isJsonObject(value) || !('Get' in value || 'Std:JsonGet' in value)) return undefined;
  const text = ctx.text(value);
  return text !== undefined && /^\$\{[^]*\}$/.test(text) && text.indexOf('${', 1) < 0 ? text : undefined;
}
