import { parseCondition, type ConditionNode, type Operand } from '../expr/condition-parser.js';
import { TYPE_NAMES, type ExprType, type Json } from '../expr/types.js';
import { anyOf, list, text } from '../spec/schema-helpers.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';

const COMPARISONS: Record<string, string> = {
  '==': 'Equals',
  '>': 'GreaterThan',
  '>=': 'GreaterThanOrEqualTo',
  '<': 'LessThan',
  '<=': 'LessThanOrEqualTo',
};

const NUMERIC: ReadonlySet<ExprType> = new Set(['integer', 'float', 'json']);

export const condition: StepKind = {
  kind: 'condition',
  type: 'Condition',
  description: 'Branches the pipeline: when `when` holds, the steps in `then` run, else those in `else`. Branch steps are defined under steps: like any other and run only in their branch.',
  properties: {
    when: anyOf('The condition: comparisons (==, !=, >, >=, <, <=), in [...], and, or, not, parentheses; operands are ${...} expressions, numbers, quoted strings, true/false. A list means all must hold.', [
      text('One condition.'),
      list('Conditions that must all hold.', text('One condition.'), { minItems: 1 }),
    ]),
    then: list('Steps that run when the condition holds.', text('A step name.'), { uniqueItems: true }),
    else: list('Steps that run otherwise.', text('A step name.'), { uniqueItems: true }),
  },
  required: ['when'],
  supportsRetry: false,
  supportsCache: false,
  branches: (spec) => ({ then: (spec.then as string[] | undefined) ?? [], else: (spec.else as string[] | undefined) ?? [] }),
  resolveProperty,
  compile,
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  if (request.tail === 'outcome') return { ok: true, type: 'boolean', get: `Steps.${request.stepName}.Outcome` };
  return { ok: false, code: 'SMP3013', message: `a condition step exposes only "outcome"`, hint: `steps.${request.stepName}.outcome` };
}

function compile(ctx: StepContext) {
  const when = ctx.spec.when as string | string[];
  const clauses = Array.isArray(when) ? when.map((w, i) => [w, `when/${i}`] as const) : [[when, 'when'] as const];
  const conditions: Json[] = [];
  for (const [clause, rel] of clauses) {
    const node = parseCondition(clause);
    if (typeof node === 'string') ctx.report('SMP3001', rel, `cannot read the condition: ${node}`);
    else conditions.push(...topLevel(node, ctx, rel));
  }
  return { arguments: { Conditions: conditions } };
}

/** The top-level list is an implicit AND, so `a and b` becomes two entries. */
function topLevel(node: ConditionNode, ctx: StepContext, rel: string): Json[] {
  if (node.kind === 'and') return node.operands.flatMap((n) => topLevel(n, ctx, rel));
  return [lowerNode(node, ctx, rel)];
}

function lowerNode(node: ConditionNode, ctx: StepContext, rel: string): Json {
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

function comparison(node: Extract<ConditionNode, { kind: 'compare' }>, ctx: StepContext, rel: string): Json {
  const left = operand(node.left, ctx, rel);
  const right = operand(node.right, ctx, rel);
  if (node.op !== '==' && node.op !== '!=') {
    for (const [side, o] of [[left, node.left], [right, node.right]] as const) {
      if (!NUMERIC.has(side.type)) ctx.report('SMP3010', rel, `${o.raw} is ${TYPE_NAMES[side.type]}; ${node.op} compares numbers`, { within: o.raw });
    }
  } else if (!comparable(left.type, right.type)) {
    ctx.report('SMP3010', rel, `${node.left.raw} (${TYPE_NAMES[left.type]}) cannot equal ${node.right.raw} (${TYPE_NAMES[right.type]})`, { within: node.left.raw });
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

function operand(o: Operand, ctx: StepContext, rel: string): { value: Json; type: ExprType } {
  if (o.kind === 'literal') {
    const type: ExprType = typeof o.value === 'boolean' ? 'boolean' : typeof o.value === 'number' ? (Number.isInteger(o.value) ? 'integer' : 'float') : 'string';
    return { value: o.value, type };
  }
  return ctx.typed(o.raw, rel);
}
