import { CODES } from '../diagnostics/codes.js';
import { renderText, summary } from '../views/diagnostics.js';
import { DeployError } from '../deploy/errors.js';
import { InputError, UsageError } from './args.js';

/** What a failed command prints; `usage` for a usage mistake or an internal error, else a user's problem with a code. */
export interface Failure {
  text: string;
  usage: boolean;
}

/**
 * Every way a command can fail, as the user reads it (the one handler of main.ts and the deploy
 * commands): a refused input file or a DeployError with its code, message and hint (with a YAML
 * code frame when it points into the spec); a UsageError with the usage line; anything else as an
 * "internal error". No stack traces unless SMPIPE_DEBUG is set.
 */
export function describeFailure(name: string, usage: string, error: unknown): Failure {
  if (error instanceof InputError) return { text: `${renderText([error.diagnostic], new Map())}${summary([error.diagnostic])}\n`, usage: false };
  if (error instanceof UsageError) return { text: `smpipe ${name}: ${error.message}\n\nUsage: ${usage.split('\n')[0]}\n`, usage: true };
  if (error instanceof DeployError) return { text: renderDeployError(name, error), usage: false };
  if (hasCatalogueCode(error)) return { text: `smpipe ${name}: error ${error.code}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`, usage: false };
  const detail = process.env.SMPIPE_DEBUG ? (error as Error).stack : (error as Error).message;
  return { text: `smpipe ${name}: internal error: ${detail}\n(set SMPIPE_DEBUG=1 for a stack trace, and please report it)\n`, usage: true };
}

/**
 * An error from another room that carries a catalogue code (writing the compiled folder, for
 * one): a user's problem with a code and a hint, not an internal error.
 */
function hasCatalogueCode(error: unknown): error is Error & { code: string; hint?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && Object.hasOwn(CODES, code);
}

function renderDeployError(name: string, error: DeployError): string {
  if (error.diagnostic) {
    const sources = error.source ? new Map([[error.diagnostic.file, error.source]]) : new Map();
    return renderText([error.diagnostic], sources, { frames: true });
  }
  const debug = process.env.SMPIPE_DEBUG && error.cause ? `\n${String((error.cause as Error).stack ?? error.cause)}` : '';
  return `smpipe ${name}: error ${error.code}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}${debug}`;
}
