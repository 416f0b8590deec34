import { problem } from '../diagnostics/messages.js';
import { parseCondition, type ConditionNode, type Operand } from '../expr/condition-parser.js';
import { TYPE_NAMES, type ExprType, type Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { anyOf, list, text } from '../spec/schema-helpers.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

const COMPARISONS: Record<string, string> = {
  '==': 'Equals',
  '>': 'GreaterThan',
  '>=': 'GreaterThanOrEqualTo',
  '<': 'LessThan',
  '<=': 'LessThanOrEqualTo',
};

const NUMERIC: ReadonlySet<ExprType> = new Set(['integer', 'float', 'json']);

const fields = kindFields({
  when: anyOf('The condition: comparisons (==, !=, >, >=, <, <=), in [...], and, or, not, parentheses; operands are ${...} expressions, numbers, quoted strings, true/false. A list means all must hold.', [
    text('One condition.'),
    list('Conditions that must all hold.', text('One condition.'), { minItems: 1 }),
  ]),
  then: list('Steps that run when the condition holds.', text('A step name.'), { uniqueItems: true }),
  else: list('Steps that run otherwise.', text('A step name.'), { uniqueItems: true }),
}, ['when']);

type Spec = SpecOf<typeof fields>;

export const condition = defineKind({
  kind: 'condition',
  type: 'Condition',
  description: 'Branches the pipeline: when `when` holds, the steps in `then` run, else those in `else`. Branch steps are defined under steps: like any other and run only in their branch.',
  fields,
  retryExceptions: [],
  supportsCache: false,
  branches: (spec) => ({ then: spec.then ?? [], else: spec.else ?? [] }),
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  if (request.tail === 'outcome') return { ok: true, type: 'boolean', get: `Steps.${request.stepName}.Outcome` };
  return { ok: false, problem: problem('SMP3013.conditionOutcome', { step: request.stepName }) };
}

function compile(ctx: StepContext<Spec>) {
  const clauses = ctx.at('when').oneOrMany();
  const conditions: Json[] = [];
  for (const clause of clauses) {
    const node = parseCondition(clause.raw);
    if (typeof node === 'string') ctx.report('SMP3001.condition', clause, { problem: node });
    else conditions.push(...topLevel(node, ctx, clause));
  }
  return { arguments: { Conditions: conditions } };
}

/** The top-level list is an implicit AND, so `a and b` becomes two entries. */
function topLevel(node: ConditionNode, ctx: StepServices, rel: Field<string>): Json[] {
  if (node.kind === 'and') return node.operands.flatMap((n) => topLevel(n, ctx, rel));
  return [lowerNode(node, ctx, rel)];
}

function lowerNode(node: ConditionNode, ctx: StepServices, rel: Field<string>): Json {
  switch (node.kind) {
    case 'compare':
      return comparison(node, ctx, rel);
    case 'in':
      return { Type: 'In', QueryValue: operand(node.value, ctx, rel).value, Values: node.list.map((o) => operand(o, ctx, rel).value) };
    case 'not':
      return { Type: 'Not', Expression: lowerNode(node.operand, ctx, rel) };
    case 'or':
      return { Type: 'Or', Conditions: node.operands.map((n) => lowerNode(n, ctx, rel)) };
    case 'and':
      // SageMaker has no nested And: not(or(not a, not b)) says the same.
      return { Type: 'Not', Expression: { Type: 'Or', Conditions: node.operands.map((n) => ({ Type: 'Not', Expression: lowerNode(n, ctx, rel) })) } };
  }
}

function comparison(node: Extract<ConditionNode, { kind: 'compare' }>, ctx: StepServices, rel: Field<string>): Json {
  const left = operand(node.left, ctx, rel);
  const right = operand(node.right, ctx, rel);
  if (node.op !== '==' && node.op !== '!=') {
    for (const [side, o] of [[left, node.left], [right, node.right]] as const) {
      if (!NUMERIC.has(side.type)) ctx.report('SMP3010.compareNumbers', rel, { operand: o.raw, type: TYPE_NAMES[side.type], op: node.op }, { within: o.raw });
    }
  } else if (!comparable(left.type, right.type)) {
    const data = { left: node.left.raw, leftType: TYPE_NAMES[left.type], right: node.right.raw, rightType: TYPE_NAMES[right.type] };
    ctx.report('SMP3010.cannotEqual', rel, data, { within: node.left.raw });
  }
  const equals = { Type: COMPARISONS[node.op === '!=' ? '==' : node.op] as string, LeftValue: left.value, RightValue: right.value };
  return node.op === '!=' ? { Type: 'Not', Expression: equals } : equals;
}

function comparable(a: ExprType, b: ExprType): boolean {
  if (a === 'json' || b === 'json' || a === b) return true;
  const numbers = new Set<ExprType>(['integer', 'float']);
  const texts = new Set<ExprType>(['string', 's3uri']);
  return (numbers.has(a) && numbers.has(b)) || (texts.has(a) && texts.has(b));
}

function operand(o: Operand, ctx: StepServices, rel: Field<string>): { value: Json; type: ExprType } {
  if (o.kind === 'literal') {
    const type: ExprType = typeof o.value === 'boolean' ? 'boolean' : typeof o.value === 'number' ? (Number.isInteger(o.value) ? 'integer' : 'float') : 'string';
    return { value: o.value, type };
  }
  return ctx.typed(o.raw, rel);
}
