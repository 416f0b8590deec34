import type { SourceFile } from '../spec/source.js';
import type { Diagnostic } from './diagnostic.js';

/** `file:line:col: error SMP1234: message` plus a code frame and hint, as compilers print them. */
export function renderText(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, options: { frames?: boolean } = {}): string {
  return diagnostics.map((d) => renderOne(d, sources.get(d.file), options.frames ?? true)).join('');
}

function renderOne(d: Diagnostic, source: SourceFile | undefined, frames: boolean): string {
  const line = d.range?.start.line ?? 1;
  const col = d.range?.start.col ?? 1;
  let out = `${d.file}:${line}:${col}: ${d.severity} ${d.code}: ${d.message}\n`;
  if (frames && source && d.range) out += codeFrame(source, d.range.start.line, d.range.start.col, d.range.end);
  if (d.hint) out += `  hint: ${d.hint}\n`;
  return out;
}

function codeFrame(source: SourceFile, line: number, col: number, end: { line: number; col: number }): string {
  const text = source.lineText(line);
  if (!text.trim()) return '';
  const gutter = String(line).length;
  const width = end.line === line ? Math.max(1, end.col - col) : Math.max(1, text.length - col + 1);
  const pad = ' '.repeat(gutter);
  return `${pad} |\n${line} | ${text}\n${pad} | ${' '.repeat(Math.max(0, col - 1))}${'^'.repeat(Math.min(width, 120))}\n`;
}

/** Machine-readable diagnostics for editors and CI (`--format json`). */
export function renderJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => ({
    file: d.file,
    line: d.range?.start.line ?? 1,
    col: d.range?.start.col ?? 1,
    endLine: d.range?.end.line ?? d.range?.start.line ?? 1,
    endCol: d.range?.end.col ?? d.range?.start.col ?? 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    pointer: d.pointer,
    ...(d.hint ? { hint: d.hint } : {}),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
