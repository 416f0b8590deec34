import type { Code } from './codes.js';
import type { Severity } from './codes/types.js';

export type { Severity } from './codes/types.js';

/** A 1-based line/column position in a source file. */
export interface Position {
  line: number;
  col: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

/**
 * A finding about a spec. Diagnostics are data: tests assert the code and the
 * position, never the message text, so messages can improve freely.
 */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  /** JSON pointer into the spec document (or the compiled definition for API-shape checks). */
  pointer: string;
  file: string;
  range?: SourceRange;
  /** What to do about it, when there is something better to say than the message. */
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: by file, then position, then code, so output never depends on check order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      (a.range?.start.col ?? 0) - (b.range?.start.col ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
