import type { Io } from '../views/io.js';
import { describeFailure } from './failure.js';

/** A command that talks to AWS: async, writing to `io`, resolving to its exit status. */
export interface AsyncCommand {
  summary: string;
  usage: string;
  /** Exit status for a usage mistake or an internal error (plan keeps 2 for "changes", so it uses 1). */
  usageExit?: number;
  run(argv: string[], io: Io): Promise<number>;
}

/** Runs an async command and turns every failure into a message (cli/failure.ts) and an exit status. */
export async function runCommand(name: string, command: AsyncCommand, argv: string[], io: Io): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (error) {
    const failure = describeFailure(name, command.usage, error);
    io.err(failure.text);
    return failure.usage ? command.usageExit ?? 2 : 1;
  }
}
