import type { Code } from '../diagnostics/codes.js';

/**
 * A folder or file that cannot be packed for a reason the user can fix (a broken link, a link
 * leaving the project, too many bytes): carries the diagnostic code, so callers report it at the
 * spec field rather than as an internal error.
 */
export class PackError extends Error {
  constructor(readonly code: Code, message: string, readonly hint?: string) {
    super(message);
    this.name = 'PackError';
  }
}
