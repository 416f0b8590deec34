import { problem, withHint } from '../../diagnostics/messages.js';
import { type ListShape, type MapShape, resolveRef, type StructureShape } from './load.js';
import { limitOf } from './ranges.js';
import { checkCount, checkEnum, checkIntEnum, checkLength, SCALAR_CHECKS, wrongType } from './scalars.js';
import { asExpression, checkExpression } from './expr.js';
import { didYouMean } from './suggest.js';
import { type At, isPlainObject, report } from './types.js';

/** Checks `value` against the shape `ref` names. */
export function walkValue(value: unknown, ref: string, at: At): void {
  const resolved = resolveRef(ref);
  const expr = asExpression(value);
  if (expr) return checkExpression(expr, resolved, at);
  if (resolved.kind === 'scalar') return SCALAR_CHECKS[resolved.scalar](value, at);
  const { name, shape } = resolved;
  switch (shape.type) {
    case 'structure':
    case 'union': return walkStructure(value, name, shape, at, []);
    case 'list': return walkList(value, shape, at);
    case 'map': return walkMap(value, shape, at);
    case 'enum': return checkEnum(value, name, shape.values, at);
    case 'intEnum': return checkIntEnum(value, name, shape.values, at);
  }
}

/** `omit`: members the pipeline sets itself, neither required nor allowed (only at the root). */
export function walkStructure(value: unknown, name: string, shape: StructureShape, at: At, omit: readonly string[]): void {
  if (!isPlainObject(value)) return wrongType(at, `an object (${name})`, value);
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const memberAt: At = { ...at, path: [...at.path, key], where: `${name}.${key}`, limit: limitOf(name, key) };
    const ref = Object.hasOwn(shape.members, key) ? shape.members[key] : undefined;
    if (omit.includes(key)) report(memberAt, problem('SMP8001.setByPipelines', { request: at.request, key }));
    else if (ref === undefined) report(memberAt, withHint(problem('SMP8001.noField', { request: at.request, name, key }), didYouMean(key, Object.keys(shape.members))));
    else walkValue(member, ref, memberAt);
  }
  const missing = (shape.required ?? []).filter((m) => value[m] === undefined && !omit.includes(m));
  for (const m of missing) report(at, problem('SMP8002.requires', { request: at.request, name, member: m }));
  if (shape.type === 'union') checkUnion(value, name, shape, at);
}

/** A union sets exactly one of its members. */
function checkUnion(value: Record<string, unknown>, name: string, shape: StructureShape, at: At): void {
  const set = Object.keys(shape.members).filter((m) => value[m] !== undefined);
  if (set.length === 0) report(at, problem('SMP8002.requiresOne', { request: at.request, name, members: Object.keys(shape.members).join(', ') }));
  if (set.length > 1) report(at, problem('SMP8005.exactlyOne', { request: at.request, name, members: set.join(', ') }));
}

function walkList(value: unknown, shape: ListShape, at: At): void {
  if (!Array.isArray(value)) return wrongType(at, 'a list', value);
  checkCount(value.length, at);
  const itemAt = { ...at, where: `${at.where} item`, limit: at.limit?.items };
  value.forEach((item, i) => walkValue(item, shape.member, { ...itemAt, path: [...at.path, i] }));
}

function walkMap(value: unknown, shape: MapShape, at: At): void {
  if (!isPlainObject(value)) return wrongType(at, 'a map of names to values', value);
  const entries = Object.entries(value);
  checkCount(entries.length, at);
  for (const [key, item] of entries) {
    const path = [...at.path, key];
    if (at.limit?.keys) checkLength(key, { ...at, path, where: `${at.where} key`, limit: at.limit.keys });
    walkValue(item, shape.value, { ...at, path, where: `${at.where} value`, limit: at.limit?.values });
  }
}
