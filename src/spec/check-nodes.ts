import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { Reporter } from '../diagnostics/reporter.js';
import { problem, type Problem } from '../diagnostics/messages.js';
import { joinPointer } from './pointer.js';

export const MAX_SCALAR_CHARS = 64 * 1024;

/** Characters YAML does not allow in a document (YAML 1.2 §5.1 c-printable), and lone UTF-16 surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The offset and code point of the first character no YAML text may hold (a NUL byte, a lone surrogate). */
export function forbiddenCharacter(text: string): { offset: number; name: string } | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  const code = (match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return { offset: match.index, name: code === '0000' ? 'a NUL character (U+0000)' : `the control character U+${code}` };
}

/** What each node check needs: the document (to resolve aliases) and the nodes enclosing this one. */
interface Walk {
  doc: Document;
  reporter: Reporter;
  ancestors: Set<Node>;
}

/**
 * Keys must be plain strings, tags are not ours to interpret, scalars must stay reasonable,
 * numbers must survive JSON exactly, and an alias must not contain itself.
 */
export function checkNodes(doc: Document, reporter: Reporter): void {
  checkNode(doc.contents as Node | null, '', { doc, reporter, ancestors: new Set() });
}

function checkNode(node: Node | null, pointer: string, walk: Walk): void {
  if (!node) return;
  const { reporter } = walk;
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
    reporter.report('SMP1006.customTag', pointer, { tag: node.tag });
  }
  if (isAlias(node)) return checkAlias(node, pointer, walk);
  if (isScalar(node)) return checkScalar(node, pointer, reporter, 'value');
  walk.ancestors.add(node);
  if (isMap(node)) checkMap(node.items, pointer, walk);
  else if (isSeq(node)) node.items.forEach((item, i) => checkNode(item as Node | null, joinPointer(pointer, i), walk));
  walk.ancestors.delete(node);
}

/** `steps: &a {Done: *a}` would make the document contain itself: every later walk would never end. */
function checkAlias(node: Node & { source: string; resolve(doc: Document): Node | undefined }, pointer: string, walk: Walk): void {
  const target = node.resolve(walk.doc);
  if (target && walk.ancestors.has(target)) {
    walk.reporter.report('SMP1006.selfAlias', pointer, { alias: node.source }, { range: rangeOf(walk.reporter, node) });
  }
}

function checkMap(items: unknown[], pointer: string, walk: Walk): void {
  const { reporter } = walk;
  // Duplicate keys are found here with a Set: yaml's own uniqueKeys check is quadratic per mapping.
  const seen = new Set<string>();
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const range = rangeOf(reporter, pair.key as Node | null);
    const where = range ? { range } : {};
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
      reporter.report('SMP1006.keyNotString', pointer, {}, where);
      continue;
    }
    const key = pair.key.value;
    if (key === '<<' && pair.key.type === 'PLAIN') {
      reporter.report('SMP1006.mergeKey', pointer, {}, where);
      continue;
    }
    if (seen.has(key)) {
      reporter.report('SMP1002.duplicateKey', pointer, { key }, where);
      continue;
    }
    seen.add(key);
    const child = joinPointer(pointer, key);
    checkScalar(pair.key, child, reporter, 'key');
    checkNode(pair.value as Node | null, child, walk);
  }
}

function checkScalar(node: Scalar, pointer: string, reporter: Reporter, at: 'key' | 'value'): void {
  const value = node.value;
  if (typeof value === 'string' && value.length > MAX_SCALAR_CHARS) {
    reporter.report(at === 'key' ? 'SMP1005.longKey' : 'SMP1005.longValue', pointer, { length: value.length, limit: MAX_SCALAR_CHARS }, { at });
  } else if (typeof value === 'string' && value.includes('\u0000')) {
    reporter.report('SMP1001.nul', pointer, {}, { at });
  } else if (typeof value === 'number') {
    const problem = numberProblem(value, node.source);
    if (problem) reporter.reportProblem(problem, pointer, { at });
  }
}

/** JSON has no NaN or infinity, and a double holds integers exactly only up to 2^53 - 1. */
function numberProblem(value: number, source: string | undefined): Problem | undefined {
  const written = source ?? String(value);
  if (Number.isNaN(value)) return problem('SMP2005.notANumber', { written });
  if (!Number.isFinite(value)) return problem('SMP2005.infinite', { written });
  // Any integer syntax (decimal, 0x, 0o, YAML 1.1's 0b, 1_000 and 1:30); 1e20 is a float, and exact.
  const integerSyntax = source !== undefined && (/^[-+]?0x/i.test(source) || !/[.eE]/.test(source));
  if (integerSyntax && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return problem('SMP2005.unsafeInteger', { written, largest: Number.MAX_SAFE_INTEGER, becomes: String(BigInt(value)) });
  }
  return undefined;
}

function rangeOf(reporter: Reporter, node: Node | null) {
  if (!node?.range) return undefined;
  return { start: reporter.source.position(node.range[0]), end: reporter.source.position(node.range[1]) };
}

/**
 * A deep copy whose mappings have no prototype: a user's key (`constructor`, `toString`,
 * `__proto__`) is then an own property like any other and never meets Object.prototype.
 */
export function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (value === null || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = withoutPrototypes((value as Record<string, unknown>)[key]);
  return out;
}
