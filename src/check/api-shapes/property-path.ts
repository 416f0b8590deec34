import { type Resolved, resolveRef, rootShape, type Shape } from './load.js';
import { limitOf } from './ranges.js';
import { didYouMean } from './suggest.js';
import type { ExprType } from './types.js';

export type PropertyType = ExprType | 'list' | 'structure' | 'map';
export type PropertyPathResult = { ok: true; type: PropertyType } | { ok: false; message: string; hint?: string };

/** One step of a property path: `.Member`, `[3]` or `['key']`. */
type Step = { member: string } | { index: number } | { key: string };

const FIRST = /^[A-Za-z_][A-Za-z0-9_]*/;
const NEXT = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

function toStep(m: RegExpExecArray): Step {
  if (m[1] !== undefined) return { member: m[1] };
  if (m[2] !== undefined) return { index: Number(m[2]) };
  return { key: m[3] ?? m[4] ?? '' };
}

/** Splits `A.B['x'].C[0]` into steps; undefined when it is not that syntax. */
function parse(path: string): Step[] | undefined {
  const first = FIRST.exec(path);
  if (!first) return undefined;
  const steps: Step[] = [{ member: first[0] }];
  for (let rest = path.slice(first[0].length); rest.length > 0;) {
    const m = NEXT.exec(rest);
    if (!m) return undefined;
    steps.push(toStep(m));
    rest = rest.slice(m[0].length);
  }
  return steps;
}

const INDEX_HINT = {
  list: "pick an item first: [0], or ['name'] for a list of named items",
  map: "pick an entry first: ['key']",
} as const;

interface Cursor { ref: string; resolved: Resolved; text: string; owner?: string; member?: string }

type StepResult = { ok: true; cursor: Cursor } | { ok: false; message: string; hint?: string };

function kindOf(resolved: Resolved): string {
  return resolved.kind === 'scalar' ? resolved.scalar : resolved.shape.type;
}

function stepInto(cursor: Cursor, step: Step): StepResult {
  const shape = cursor.resolved.kind === 'shape' ? cursor.resolved.shape : undefined;
  return 'member' in step ? stepIntoMember(cursor, step.member, shape) : stepIntoEntry(cursor, step, shape);
}

function stepIntoMember(cursor: Cursor, member: string, shape: Shape | undefined): StepResult {
  if (shape?.type !== 'structure' && shape?.type !== 'union') {
    const message = `${cursor.text} is a ${kindOf(cursor.resolved)}, it has no member ${member}`;
    return shape?.type === 'list' || shape?.type === 'map' ? { ok: false, message, hint: INDEX_HINT[shape.type] } : { ok: false, message };
  }
  const owner = cursor.resolved.kind === 'shape' ? cursor.resolved.name : cursor.text;
  const ref = Object.hasOwn(shape.members, member) ? shape.members[member] : undefined;
  if (ref === undefined) {
    const hint = didYouMean(member, Object.keys(shape.members));
    return { ok: false, message: `${owner} has no member ${member}`, ...(hint && { hint }) };
  }
  return { ok: true, cursor: { ref, resolved: resolveRef(ref), text: `${cursor.text}.${member}`, owner, member } };
}

function isStructure(ref: string): boolean {
  const resolved = resolveRef(ref);
  return resolved.kind === 'shape' && (resolved.shape.type === 'structure' || resolved.shape.type === 'union');
}

/** `[N]` into a list, `['key']` into a map or into a list of structures (Outputs['evaluation'], by item name). */
function stepIntoEntry(cursor: Cursor, step: { index: number } | { key: string }, shape: Shape | undefined): StepResult {
  const label = 'index' in step ? `[${step.index}]` : `['${step.key}']`;
  const entryRef = shape?.type === 'list' && ('index' in step || isStructure(shape.member)) ? shape.member
    : shape?.type === 'map' && 'key' in step ? shape.value : undefined;
  if (entryRef !== undefined) return { ok: true, cursor: { ref: entryRef, resolved: resolveRef(entryRef), text: `${cursor.text}${label}` } };
  const how = shape?.type === 'map' ? "a map: index it with ['key']" : `a ${kindOf(cursor.resolved)}`;
  return { ok: false, message: `${cursor.text} is ${how}, so ${label} does not apply` };
}

/** The expression type of the value a path ends at. */
function typeOf(cursor: Cursor): PropertyType {
  const { resolved } = cursor;
  if (resolved.kind === 'shape') {
    const t = resolved.shape.type;
    if (t === 'enum') return 'string';
    if (t === 'intEnum') return 'integer';
    return t === 'union' ? 'structure' : t;
  }
  if (resolved.scalar === 'number') {
    // The SDK models cannot tell integers from floats: integer where the API reference says so.
    const integer = cursor.owner && cursor.member && limitOf(cursor.owner, cursor.member)?.integer;
    return integer ? 'integer' : 'float';
  }
  if (resolved.scalar === 'document') return 'any';
  return resolved.scalar === 'boolean' ? 'boolean' : 'string';
}

/**
 * Checks a SageMaker Pipelines property path (the text after `Steps.<Name>.`) against a Describe*
 * response shape, e.g. `ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri`.
 */
export function resolvePropertyPath(describeShape: string, path: string): PropertyPathResult {
  const root = rootShape(describeShape);
  if (!root) throw new Error(`unknown Describe* shape ${describeShape}`);
  const steps = parse(path);
  if (!steps) return { ok: false, message: `'${path}' is not a property path (Member.Member['key'][0]…)` };
  let cursor: Cursor = { ref: describeShape, resolved: resolveRef(describeShape), text: describeShape };
  for (const step of steps) {
    const next = stepInto(cursor, step);
    if (!next.ok) return next;
    cursor = next.cursor;
  }
  return { ok: true, type: typeOf(cursor) };
}
