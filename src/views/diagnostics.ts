import type { SourceFile } from '../spec/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

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

const FRAME_WIDTH = 160;

function codeFrame(source: SourceFile, line: number, col: number, end: { line: number; col: number }): string {
  // Control characters (a NUL byte) would garble the terminal: shown as their Unicode pictures.
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const full = source.lineText(line).replace(/[\u0000-\u0008\u000B-\u001F]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)));
  if (!full.trim()) return '';
  const wanted = end.line === line ? Math.max(1, end.col - col) : Math.max(1, full.length - col + 1);
  // A very long line shows a window around the column, so one diagnostic stays a few lines.
  const start = full.length > FRAME_WIDTH ? Math.max(0, Math.min(col - 1 - FRAME_WIDTH / 2, full.length - FRAME_WIDTH)) : 0;
  const text = (start > 0 ? '…' : '') + full.slice(start, start + FRAME_WIDTH) + (start + FRAME_WIDTH < full.length ? '…' : '');
  const shown = col - start + (start > 0 ? 1 : 0);
  const width = Math.min(wanted, text.length - shown + 1, 120);
  const pad = ' '.repeat(String(line).length);
  return `${pad} |\n${line} | ${text}\n${pad} | ${' '.repeat(Math.max(0, shown - 1))}${'^'.repeat(Math.max(1, width))}\n`;
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
