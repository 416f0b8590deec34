import type { Code } from '../diagnostics/codes.js';
import { formatProblem, type Problem } from '../diagnostics/messages.js';

/**
 * A folder or file that cannot be packed for a reason the user can fix (a broken link, a link
 * leaving the project, too many bytes): carries the problem, so callers report it at the spec
 * field rather than as an internal error.
 */
export class PackError extends Error {
  readonly code: Code;
  readonly hint: string | undefined;

  constructor(readonly problem: Problem) {
    const shown = formatProblem(problem);
    super(shown.message);
    this.name = 'PackError';
    this.code = shown.code;
    this.hint = shown.hint;
  }
}
