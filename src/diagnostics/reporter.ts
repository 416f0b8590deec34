import type { SourceFile } from '../spec/source.js';
import { shortenMessage } from '../util/truncate.js';
import { severityOf, type Code } from './codes.js';
import type { Diagnostic, Position, SourceRange } from './diagnostic.js';
import { formatProblem, type DataArgs, type MessageKey, type Problem } from './messages.js';

export interface ReportOptions {
  hint?: string;
  /** Point at the mapping key instead of its value (unknown or misplaced properties). */
  at?: 'key' | 'value';
  /** Point at this text inside the value (an expression inside a longer string). */
  within?: string;
  /** An explicit range, when the caller knows better. */
  range?: SourceRange;
  /**
   * One diagnostic per key: a second report with the same key is folded into the first, which
   * keeps the earliest position (an unset var used in six steps is one error, at its first use).
   */
  once?: string;
}

/** Collects diagnostics with positions resolved from JSON pointers; never throws for user errors. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly onceByKey = new Map<string, Diagnostic>();
  private errorReports = 0;

  constructor(readonly source: SourceFile) {}

  /** The catalogue's message `key` at `pointer`, placeholders filled from `data` (checked per key). */
  report<K extends MessageKey>(key: K, pointer: string, ...[data, options]: DataArgs<K, ReportOptions>): void {
    // DataArgs checked `data` against the key's template; Problem is the same pair, unioned over keys.
    this.reportProblem({ key, data: data ?? {} } as Problem, pointer, options);
  }

  /** A problem found elsewhere (an expression, a property, an asset), placed at `pointer`; `options.hint` replaces the template's. */
  reportProblem(found: Problem, pointer: string, options: ReportOptions = {}): void {
    const { code, message, hint } = formatProblem(found);
    this.add(code, pointer, message, { ...options, hint: options.hint ?? hint });
  }

  private add(code: Code, pointer: string, message: string, options: ReportOptions): void {
    const range =
      options.range ??
      (options.within !== undefined
        ? this.source.rangeWithin(pointer, options.within)
        : this.source.rangeOf(pointer, options.at));
    const diagnostic: Diagnostic = { code, severity: severityOf(code), message: shortenMessage(message), pointer, file: this.source.file };
    // Nothing to point at (an empty document): the start of the file.
    diagnostic.range = range ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };
    if (options.hint) diagnostic.hint = shortenMessage(options.hint);
    if (diagnostic.severity === 'error') this.errorReports += 1;
    if (options.once !== undefined && this.fold(options.once, diagnostic)) return;
    this.diagnostics.push(diagnostic);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  /** Every error reported so far, folded ones included: tells whether a stretch of work found a problem. */
  get errorReportCount(): number {
    return this.errorReports;
  }

  /** True when an earlier diagnostic with this key took the report (moved to the earlier position). */
  private fold(key: string, diagnostic: Diagnostic): boolean {
    const first = this.onceByKey.get(key);
    if (!first) {
      this.onceByKey.set(key, diagnostic);
      return false;
    }
    if (before(diagnostic.range?.start, first.range?.start)) {
      first.range = diagnostic.range as SourceRange;
      first.pointer = diagnostic.pointer;
    }
    return true;
  }
}

function before(a: Position | undefined, b: Position | undefined): boolean {
  if (!a || !b) return false;
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}
