import type { Clients } from './clients.js';
import { readExecution, TERMINAL, type ExecutionSnapshot } from './execution.js';

export interface PollOptions {
  /** First wait, and the wait after anything changed. */
  initialMs: number;
  /** The longest wait while nothing changes. */
  maxMs: number;
  factor: number;
}

/** 2 s, 3 s, 4.5 s, … up to 30 s while nothing changes: quick feedback, few calls on day-long runs. */
export const DEFAULT_POLL: PollOptions = { initialMs: 2000, maxMs: 30_000, factor: 1.5 };

export interface WatchOptions {
  poll?: PollOptions;
  /** Called with every snapshot (the first one at once). */
  onUpdate(snapshot: ExecutionSnapshot): void;
  sleep?: (ms: number) => Promise<void>;
}

/** Polls an execution until it is Succeeded, Failed or Stopped; returns the final snapshot. */
export async function watchExecution(clients: Clients, arn: string, options: WatchOptions): Promise<ExecutionSnapshot> {
  const poll = options.poll ?? DEFAULT_POLL;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let wait = poll.initialMs;
  let last = '';
  for (;;) {
    const snapshot = await readExecution(clients, arn);
    options.onUpdate(snapshot);
    if (TERMINAL.has(snapshot.status)) return snapshot;
    const key = fingerprint(snapshot);
    wait = key !== last ? poll.initialMs : Math.min(poll.maxMs, wait * poll.factor);
    last = key;
    await sleep(wait);
  }
}

/** What a user would notice changing: statuses, not timestamps. */
function fingerprint(snapshot: ExecutionSnapshot): string {
  return [snapshot.status, ...snapshot.steps.map((s) => `${s.name}=${s.status}`)].join(',');
}

export function succeeded(snapshot: ExecutionSnapshot): boolean {
  return snapshot.status === 'Succeeded';
}
