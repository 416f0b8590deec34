import type { SourceFile } from '../spec/source.js';
import { severityOf, type Code } from './codes.js';
import type { Diagnostic, SourceRange } from './diagnostic.js';

export interface ReportOptions {
  hint?: string;
  /** Point at the mapping key instead of its value (unknown or misplaced properties). */
  at?: 'key' | 'value';
  /** Point at this text inside the value (an expression inside a longer string). */
  within?: string;
  /** An explicit range, when the caller knows better. */
  range?: SourceRange;
}

/** Collects diagnostics with positions resolved from JSON pointers; never throws for user errors. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly source: SourceFile) {}

  report(code: Code, pointer: string, message: string, options: ReportOptions = {}): void {
    const range =
      options.range ??
      (options.within !== undefined
        ? this.source.rangeWithin(pointer, options.within)
        : this.source.rangeOf(pointer, options.at));
    const diagnostic: Diagnostic = { code, severity: severityOf(code), message, pointer, file: this.source.file };
    // Nothing to point at (an empty document): the start of the file.
    diagnostic.range = range ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };
    if (options.hint) diagnostic.hint = options.hint;
    this.diagnostics.push(diagnostic);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}
