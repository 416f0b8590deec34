/** What preflight found: a catalogue code (its severity), a message naming the thing, and what to do. */
import { severityOf, type Code } from '../../diagnostics/codes.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import { errorName, asAwsError } from '../errors.js';

export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  fix?: string;
}

export function finding(code: Code, message: string, fix?: string): Finding {
  return { code, severity: severityOf(code), message, ...(fix ? { fix } : {}) };
}

const DENIED = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden'];

/**
 * SMP9038: a lookup that did not answer the question. Lacking permission is never a failure of
 * the deploy, only a thing preflight could not check; the same for a lookup that failed otherwise.
 */
export function couldNotCheck(what: string, action: string, error: unknown): Finding {
  const name = errorName(error);
  const denied = DENIED.includes(name) || asAwsError(error).$metadata?.httpStatusCode === 403;
  const why = denied ? `no permission for ${action}` : `${action} failed: ${name}${asAwsError(error).message ? `: ${firstLine(asAwsError(error).message)}` : ''}`;
  return finding('SMP9038', `${what} was not checked: ${why}`, denied ? `allow ${action} to the identity that deploys, or check it by hand` : 'run preflight again; --no-preflight skips the checks');
}

/** Whether an SDK error is one of the service's "it does not exist" answers. */
export function isMissing(error: unknown, names: readonly string[], message?: RegExp): boolean {
  const name = errorName(error);
  return names.includes(name) || (message !== undefined && message.test(asAwsError(error).message ?? ''));
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.trim() ?? '';
}

/** Errors first, then warnings; by code, then message: the same order on every run. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
