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
  const syntax = errors.filter((e) => codeOf(e) === 'SMP1001');
  const first = syntax.find((e) => e.code === 'TAB_AS_INDENT') ?? [...syntax].sort((a, b) => a.pos[0] - b.pos[0])[0];
  for (const error of errors) {
    if (codeOf(error) !== 'SMP1001') reportOne(error, reporter, source);
    else if (error === first) reportSyntax(error, reporter, source);
  }
}

function codeOf(error: YAMLError): 'SMP1001' | 'SMP1002' | 'SMP1005' | 'SMP1006' {
  if (error.code === 'DUPLICATE_KEY') return 'SMP1002';
  if (error.code === 'RESOURCE_EXHAUSTION') return 'SMP1005';
  if (error.code === 'TAG_RESOLVE_FAILED' || error.code === 'BAD_ALIAS') return 'SMP1006';
  return 'SMP1001';
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
  reporter.reportText(codeOf(error), '', error.message.split('\n')[0] ?? error.message, { range: rangeOf(error, source) });
}

function reportSyntax(error: YAMLError, reporter: Reporter, source: SourceFile): void {
  const range = rangeOf(error, source);
  if (error.code === 'TAB_AS_INDENT') {
    reporter.reportText('SMP1001', '', 'YAML indentation cannot use tabs; use spaces', { range, hint: 'replace the tab at the start of this line with spaces (your editor can show tabs)' });
    return;
  }
  const expression = expressionInFlow(source.text, error.pos[0]);
  if (expression) {
    const at = { start: source.position(expression.start), end: source.position(expression.end) };
    reporter.reportText('SMP1001', '', `${expression.text} inside { } or [ ] is read as YAML, not as an expression`, { range: at, hint: `quote the value: "${expression.text}"` });
    return;
  }
  reporter.reportText('SMP1001', '', error.message.split('\n')[0] ?? error.message, { range });
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
