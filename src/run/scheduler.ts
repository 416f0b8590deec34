/**
 * The execution loop: a step starts when everything it waits for succeeded (and, in a branch,
 * when its condition chose that branch), at most MaxParallelExecutionSteps at once. After a
 * failure no new step starts and the running ones finish, as on SageMaker; a Fail step's
 * message becomes the run's failure reason. Ctrl-C (the AbortSignal) stops running jobs.
 */
import type { CacheEntry } from './cache.js';
import { executeStep, type Execution } from './execution.js';
import type { StepRecord } from './state.js';

type Verdict = 'run' | 'wait' | 'skip';

function verdict(exec: Execution, name: string): { verdict: Verdict; note?: string } {
  const planned = exec.graph.steps.get(name);
  if (!planned) return { verdict: 'skip' };
  for (const dep of exec.graph.deps.get(name) ?? []) {
    const record = exec.run.steps[dep];
    if (!record || record.status === 'Pending' || record.status === 'Executing') return { verdict: 'wait' };
    if (record.status !== 'Succeeded') return { verdict: 'skip', note: record.status === 'Skipped' ? `${dep} did not run` : `${dep} ${record.status.toLowerCase()}` };
  }
  if (planned.branch) {
    const outcome = exec.run.steps[planned.branch.condition]?.outcome;
    if (outcome !== planned.branch.outcome) return { verdict: 'skip', note: `${planned.branch.condition} chose the other branch` };
  }
  return { verdict: 'run' };
}

function skip(exec: Execution, record: StepRecord, note: string): void {
  Object.assign(record, { status: 'Skipped', note });
  exec.changed(record);
}

/** Runs every step; resolves when nothing more can start and nothing runs. */
export async function schedule(exec: Execution, parallelism: number): Promise<void> {
  const running = new Map<string, Promise<void>>();
  let failed = false;
  for (;;) {
    let changed = false;
    for (const [name, record] of Object.entries(exec.run.steps)) {
      if (record.status !== 'Pending') continue;
      if (failed || exec.signal.aborted) {
        skip(exec, record, exec.signal.aborted ? 'the run was stopped' : 'the run failed before it started');
        continue;
      }
      const { verdict: v, note } = verdict(exec, name);
      if (v === 'skip') (skip(exec, record, note ?? ''), (changed = true));
      else if (v === 'run' && running.size < parallelism) {
        const planned = exec.graph.steps.get(name) as NonNullable<ReturnType<typeof exec.graph.steps.get>>;
        running.set(name, executeStep(exec, planned).finally(() => running.delete(name)));
        changed = true;
      }
    }
    if (!running.size) {
      const stuck = Object.values(exec.run.steps).filter((r) => r.status === 'Pending');
      if (!stuck.length) return;
      if (!changed) for (const record of stuck) skip(exec, record, 'waits for a step that cannot run');
      continue;
    }
    await Promise.race(running.values());
    failed = Object.values(exec.run.steps).some((r) => r.status === 'Failed' || r.status === 'Stopped');
  }
}

/** How the run ended, from its steps. */
export function concludeRun(exec: Execution): void {
  const steps = Object.values(exec.run.steps);
  const failedFail = steps.find((r) => r.status === 'Failed' && r.type === 'Fail');
  const failed = steps.some((r) => r.status === 'Failed');
  exec.run.status = exec.signal.aborted ? 'Stopped' : failed ? 'Failed' : 'Succeeded';
  if (failedFail) exec.run.failureReason = failedFail.failureReason ?? '';
  else if (failed) exec.run.failureReason = 'Step failure: One or multiple steps failed.';
  exec.run.endedAt = new Date().toISOString();
  exec.changed();
}

/** The steps that ran in this run and may be reused by later runs (only when the run succeeded). */
export function cacheEntries(exec: Execution): CacheEntry[] {
  if (exec.run.status !== 'Succeeded') return [];
  return Object.values(exec.run.steps)
    .filter((r) => r.status === 'Succeeded' && r.cacheKey && !r.cacheHit && !r.reusedFrom && r.properties)
    .map((r) => ({ step: r.name, key: r.cacheKey as string, runId: exec.run.id, finishedAt: r.endedAt ?? exec.run.endedAt ?? new Date().toISOString(), properties: r.properties ?? {} }));
}
