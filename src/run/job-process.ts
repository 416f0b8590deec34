/**
 * Runs one job's command: in its own process group (so stopping it stops everything it started:
 * torchrun's workers, a shell's children), stdout and stderr into the step's log as CloudWatch
 * would have them, and a stop on the run's AbortSignal (SIGTERM, then SIGKILL after a grace
 * period, as SageMaker's StopProcessingJob/StopTrainingJob give the container).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export const STOP_GRACE_MS = 10_000;

export interface JobCommand {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  signal: AbortSignal;
  /** Extra action on stop (the docker backend stops its container). */
  onStop?: () => void;
}

export interface JobExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stopped: boolean;
  /** The last lines of output, for the failure reason. */
  tail: string;
}

export function runJob(job: JobCommand): Promise<JobExit> {
  return new Promise((resolve) => {
    const log = createWriteStream(job.logFile, { flags: 'a' });
    const [command, ...args] = job.command as [string, ...string[]];
    let tail = '';
    let stopped = false;
    const child = spawn(command, args, { cwd: job.cwd, env: job.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer): void => {
      log.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const kill = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // the group is gone already
      }
    };
    const stop = (): void => {
      stopped = true;
      job.onStop?.();
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS).unref();
    };
    if (job.signal.aborted) stop();
    else job.signal.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => {
      keep(Buffer.from(`smpipe: cannot start ${command}: ${error.message}\n`));
    });
    child.on('close', (code, signal) => {
      job.signal.removeEventListener('abort', stop);
      log.end(() => resolve({ code, signal, stopped, tail }));
    });
  });
}
