import { CODES } from '../diagnostics/codes.js';
import { renderText } from '../views/diagnostics.js';
import { DeployError } from '../deploy/errors.js';
import type { Io } from '../views/io.js';
import { UsageError } from './args.js';

/** A command that talks to AWS: async, writing to `io`, resolving to its exit status. */
export interface AsyncCommand {
  summary: string;
  usage: string;
  /** Exit status for a usage mistake or an internal error (plan keeps 2 for "changes", so it uses 1). */
  usageExit?: number;
  run(argv: string[], io: Io): Promise<number>;
}

/**
 * Runs an async command and turns every failure into a message and an exit status: DeployError →
 * its code, message and hint (with a YAML code frame when it points into the spec), exit 1;
 * UsageError → the usage line, and anything else → "internal error", both exit 2 as in the rest
 * of the CLI (1 for plan, whose 2 means "changes"). No stack traces unless SMPIPE_DEBUG is set.
 */
export async function runCommand(name: string, command: AsyncCommand, argv: string[], io: Io): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`smpipe ${name}: ${error.message}\n\nUsage: ${command.usage.split('\n')[0]}\n`);
      return command.usageExit ?? 2;
    }
    if (error instanceof DeployError) {
      io.err(renderDeployError(name, error));
      return 1;
    }
    if (hasCatalogueCode(error)) {
      io.err(`smpipe ${name}: error ${error.code}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
      return 1;
    }
    const detail = process.env.SMPIPE_DEBUG ? (error as Error).stack : (error as Error).message;
    io.err(`smpipe ${name}: internal error: ${detail}\n(set SMPIPE_DEBUG=1 for a stack trace, and please report it)\n`);
    return command.usageExit ?? 2;
  }
}

/**
 * An error from another room that carries a catalogue code (writing the compiled folder, for
 * one): a user's problem with a code and a hint, not an internal error.
 */
function hasCatalogueCode(error: unknown): error is Error & { code: string; hint?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && Object.hasOwn(CODES, code);
}

export function renderDeployError(name: string, error: DeployError): string {
  if (error.diagnostic) {
    const sources = error.source ? new Map([[error.diagnostic.file, error.source]]) : new Map();
    return renderText([error.diagnostic], sources, { frames: true });
  }
  const debug = process.env.SMPIPE_DEBUG && error.cause ? `\n${String((error.cause as Error).stack ?? error.cause)}` : '';
  return `smpipe ${name}: error ${error.code}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}${debug}`;
}
