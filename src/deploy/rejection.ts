import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../spec/pointer.js';
import type { DesiredPipeline } from './desired.js';
import { asAwsError, DeployError, errorName } from './errors.js';
import { flattenSteps } from './step-diff.js';

/**
 * A ValidationException from CreatePipeline/UpdatePipeline, pointed back at the spec when the
 * folder was compiled from one just now: the step the message names (`/steps/NAME`, its YAML key)
 * or, for a role SageMaker cannot use, `defaults.role`. Returns undefined for other errors.
 */
export function explainRejection(error: unknown, desired: DesiredPipeline, action: string): DeployError | undefined {
  if (errorName(error) !== 'ValidationException') return undefined;
  const message = (asAwsError(error).message ?? '').trim();
  if (mentionsRole(message, desired.settings.role)) {
    const hint = 'check that the role exists in this account, and that its trust policy lets sagemaker.amazonaws.com assume it';
    return new DeployError('SMP9002', `${action}: SageMaker cannot use role ${desired.settings.role}: ${message}`, hint, diagnosticAt(desired, '/defaults/role', 'SMP9002', `SageMaker cannot use the pipeline role: ${message}`, hint), desired.origin?.source);
  }
  const step = namedStep(message, flattenSteps(desired.definition).map((s) => s.name));
  const pointer = step ? joinPointer('/steps', step) : '';
  const hint = step ? `SageMaker's ${action} names step ${step}; compare its fields with the API reference (smpipe validate checks most of them offline)` : undefined;
  const text = `SageMaker rejected the definition (${action}): ${message}`;
  return new DeployError('SMP9001', text, hint, diagnosticAt(desired, pointer, 'SMP9001', text, hint), desired.origin?.source);
}

function mentionsRole(message: string, role: string | null): boolean {
  if (role && message.includes(role)) return true;
  return /\brole\b/i.test(message) && /(not (valid|exist|found|authorized)|does not exist|assume|cannot be assumed)/i.test(message);
}

/** The step named in the message: quoted names first, then any step name standing as a whole word. */
export function namedStep(message: string, names: string[]): string | undefined {
  const byLength = [...names].sort((a, b) => b.length - a.length);
  for (const name of byLength) if (message.includes(`'${name}'`) || message.includes(`"${name}"`)) return name;
  let best: { name: string; at: number } | undefined;
  for (const name of byLength) {
    const at = new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(name)}(?![A-Za-z0-9_-])`).exec(message)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { name, at };
  }
  return best?.name;
}

/** The YAML position of `pointer`; none for a folder deployed on its own (its spec is not at hand). */
function diagnosticAt(desired: DesiredPipeline, pointer: string, code: 'SMP9001' | 'SMP9002', message: string, hint: string | undefined): Diagnostic | undefined {
  const origin = desired.origin;
  if (!origin) return undefined;
  const range = origin.source.rangeOf(pointer, 'key') ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };
  return { code, severity: 'error', message, pointer, file: origin.file, range, ...(hint ? { hint } : {}) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
