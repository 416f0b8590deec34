import { describeFailure } from './failure.js';

/** Where a deploy command writes: the process's streams, or a test's buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (live redraw, colour). */
  isTTY: boolean;
  /** Whether stderr is a terminal (in-place progress lines). */
  errTTY: boolean;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    errTTY: Boolean(process.stderr.isTTY),
  };
}

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
