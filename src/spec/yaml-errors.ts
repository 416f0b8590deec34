import type { YAMLError } from 'yaml';
import type { Reporter } from '../diagnostics/reporter.js';
import type { SourceFile } from './source.js';

/**
 * yaml's own errors, as diagnostics. After the first syntax error the parser is lost and the
 * rest are echoes of it (one tab gave 21 errors at unrelated lines), so only the first syntax
 * error is reported, with a plain-words message where the cause is a known trap. Duplicate
 * keys, unsupported features and size limits are independent findings and are all reported.
 */
export function reportYamlErrors(errors: readonly YAMLError[], reporter: Reporter, source: SourceFile): void {
  const syntax = errors.filter((e) => keyOf(e) === 'SMP1001.yaml');
  const first = syntax.find((e) => e.code === 'TAB_AS_INDENT') ?? [...syntax].sort((a, b) => a.pos[0] - b.pos[0])[0];
  for (const error of errors) {
    if (keyOf(error) !== 'SMP1001.yaml') reportOne(error, reporter, source);
    else if (error === first) reportSyntax(error, reporter, source);
  }
}

/** yaml's message, under the code its kind of error has here. */
function keyOf(error: YAMLError): 'SMP1001.yaml' | 'SMP1002.yaml' | 'SMP1005.yaml' | 'SMP1006.yaml' {
  if (error.code === 'DUPLICATE_KEY') return 'SMP1002.yaml';
  if (error.code === 'RESOURCE_EXHAUSTION') return 'SMP1005.yaml';
  if (error.code === 'TAG_RESOLVE_FAILED' || error.code === 'BAD_ALIAS') return 'SMP1006.yaml';
  return 'SMP1001.yaml';
}

/** yaml's messages go on with a code frame of their own; the first line says it. */
function firstLine(error: YAMLError): string {
  return error.message.split('\n')[0] ?? error.message;
}

function rangeOf(error: YAMLError, source: SourceFile) {
  let [start, end] = error.pos;
  // After a key with an empty value, yaml places the next (duplicate) key at the line break before it.
  if (error.code === 'DUPLICATE_KEY') {
    while (start < source.text.length && /\s/.test(source.text[start] as string)) start++;
    end = Math.max(end, start + 1);
  }
  return { start: source.position(start), end: source.position(Math.max(start, end)) };
}

function reportOne(error: YAMLError, reporter: Reporter, source: SourceFile): void {
  reporter.report(keyOf(error), '', { message: firstLine(error) }, { range: rangeOf(error, source) });
}

function reportSyntax(error: YAMLError, reporter: Reporter, source: SourceFile): void {
  const range = rangeOf(error, source);
  if (error.code === 'TAB_AS_INDENT') {
    reporter.report('SMP1001.tabIndent', '', {}, { range });
    return;
  }
  const expression = expressionInFlow(source.text, error.pos[0]);
  if (expression) {
    const at = { start: source.position(expression.start), end: source.position(expression.end) };
    reporter.report('SMP1001.expressionInFlow', '', { expression: expression.text }, { range: at });
    return;
  }
  reporter.report('SMP1001.yaml', '', { message: firstLine(error) }, { range });
}

/**
 * In a flow mapping or list (`{ beta: ${params.Beta} }`) the `{` of `${` opens a mapping, and
 * yaml's complaints say nothing of the cause. Finds the `${…}` on the error's line, at or
 * before the error.
 */
function expressionInFlow(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const re = /\$\{[^}\n]*\}?/g;
  let found: { text: string; start: number; end: number } | undefined;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = lineStart + m.index;
    if (start > offset) break;
    found = { text: m[0], start, end: start + m[0].length };
  }
  if (!found) return undefined;
  // In block context `key: ${x}` is a plain scalar and parses: the error must sit inside the
  // expression (the flow mapping opened on an earlier line) or follow a `{`/`[` on this line.
  const before = text.slice(lineStart, found.start).replace(/\$\{[^}]*\}/g, '');
  return offset < found.end || /[{[]/.test(before) ? found : undefined;
}
