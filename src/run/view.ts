/**
 * What a person sees while a pipeline runs: on a terminal, a step table redrawn in place (status,
 * duration, cache hit); otherwise one line per change, so CI logs stay readable. Both on stderr.
 */
import type { RunRecord, StepRecord } from './state.js';

export interface RunView {
  changed(run: RunRecord, step?: StepRecord): void;
  close(run: RunRecord): void;
}

export function seconds(from?: string, to?: string): string {
  if (!from) return '';
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

export function stepNote(step: StepRecord): string {
  if (step.cacheHit) return `cache hit (run ${step.cacheHit})`;
  if (step.reusedFrom) return `reused from run ${step.reusedFrom}`;
  if (step.outcome !== undefined) return `outcome ${step.outcome}`;
  if (step.status === 'Failed' || step.status === 'Stopped') return step.failureReason ?? '';
  return step.note ?? '';
}

function row(step: StepRecord, width: number, live = true): string {
  const running = step.status === 'Executing' && !live;
  const duration = step.status === 'Pending' || step.status === 'Skipped' || running ? '' : seconds(step.startedAt, step.endedAt);
  return `  ${step.name.padEnd(width)}  ${step.status.padEnd(9)}  ${duration.padStart(7)}  ${stepNote(step)}`.trimEnd();
}

/** One line per change: `12:00:03 Train Succeeded 41.2s cache hit (run …)`. */
export function lineView(write: (text: string) => void): RunView {
  const last = new Map<string, string>();
  return {
    changed(_run, step) {
      if (!step) return;
      const line = row(step, 0, false).trim();
      if (last.get(step.name) === line || step.status === 'Pending') return;
      last.set(step.name, line);
      write(`${new Date().toISOString().slice(11, 19)} ${line.replace(/\s{2,}/g, ' ')}\n`);
    },
    close() {},
  };
}

/** The table, redrawn in place every change and every second while something runs. */
export function tableView(write: (text: string) => void, terminalColumns?: number): RunView {
  // A terminal that reports no sensible width (a pty without a size) gets a wide table, not a cut one.
  const columns = terminalColumns && terminalColumns >= 40 ? terminalColumns : 160;
  let drawn = 0;
  let current: RunRecord | undefined;
  const draw = (): void => {
    if (!current) return;
    const steps = Object.values(current.steps);
    const width = Math.max(...steps.map((s) => s.name.length), 4);
    const lines = [`run ${current.id}  ${current.status}  ${seconds(current.startedAt, current.endedAt)}`, ...steps.map((s) => row(s, width).slice(0, columns - 1))];
    write(`${drawn ? `\x1b[${drawn}F` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
    drawn = lines.length;
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    changed(run) {
      current = run;
      draw();
    },
    close(run) {
      current = run;
      clearInterval(timer);
      draw();
    },
  };
}
