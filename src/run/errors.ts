import type { Code } from '../diagnostics/codes.js';

/**
 * A problem that stops `smpipe run` before or between steps (a step's own failure is not an
 * error: it is recorded on the step). `pointer` is a JSON pointer into definition.json when
 * the problem is in the definition, so it prints as definition.json:line:col like a compiler.
 */
export class RunError extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly options: { hint?: string; pointer?: string; step?: string; exitCode?: 1 | 2 } = {},
  ) {
    super(message);
  }

  /** 2 for command-line mistakes, 1 for what the definition or its inputs cannot do. */
  get exitCode(): 1 | 2 {
    return this.options.exitCode ?? 1;
  }
}

/** A step that cannot go on: its failure reason, as DescribePipelineExecutionStep would give it. */
export class StepFailure extends Error {}
