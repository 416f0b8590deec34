import type { OpenUploads } from '../deploy/open-uploads.js';
import type { Io } from '../views/io.js';

/** The conventional exit status of a process ended by a signal: 128 + its number. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

type Handled = keyof typeof SIGNAL_EXIT;

/** Cleanup gets this long; S3 answers an abort in milliseconds, a dead network never. */
const CLEANUP_MS = 10_000;

/**
 * Runs `body` (an upsert) so that Ctrl-C, SIGTERM (CI cancelling a job, `docker stop`) or a closed
 * terminal abort its open multipart uploads before the process exits with 128 + the signal's
 * number, instead of leaving parts billed in the bucket. A second signal exits at once. Once
 * interrupted, `body`'s own failure (its requests were cancelled) is not reported: the process is
 * on its way out. Call it inside the clients' lifetime: the aborts use them.
 */
export async function interruptible<T>(open: OpenUploads, io: Io, body: () => Promise<T>, exit: (code: number) => void = (code) => process.exit(code)): Promise<T> {
  let interrupted = false;
  const handlers = Object.keys(SIGNAL_EXIT).map((name) => {
    const signal = name as Handled;
    const handler = (): void => {
      if (interrupted) return exit(SIGNAL_EXIT[signal]);
      interrupted = true;
      void cleanUp(open, io, signal).finally(() => exit(SIGNAL_EXIT[signal]));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await body();
  } catch (error) {
    if (interrupted) return new Promise<T>(() => {});
    throw error;
  } finally {
    if (!interrupted) for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

async function cleanUp(open: OpenUploads, io: Io, signal: Handled): Promise<void> {
  const count = open.size;
  io.err(`\nsmpipe: ${signal}: ${count ? `aborting ${count} multipart upload${count === 1 ? '' : 's'} in progress` : 'stopping'}\n`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), CLEANUP_MS);
  });
  const aborted = await Promise.race([open.abortAll(), timeout]);
  clearTimeout(timer);
  if (count) io.err(aborted === count ? `aborted ${count} multipart upload${count === 1 ? '' : 's'}\n` : `could not abort every upload; the next upsert cleans up what is left\n`);
}
