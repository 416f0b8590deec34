import { executionId, type ExecutionSnapshot, type StepRow } from './execution.js';
import type { ExecutionSummary } from './executions.js';

/** `12:03:14` (UTC): times in tables. */
export function clock(date: Date | undefined): string {
  return date ? date.toISOString().slice(11, 19) : '-';
}

/** `2h05m`, `3m12s`, `42s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function stepDuration(step: StepRow, now: Date): string {
  if (!step.startTime) return '-';
  return duration((step.endTime ?? now).getTime() - step.startTime.getTime());
}

/** The live table: one row per started step, failure reasons under their step, then the execution's state. */
export function renderStepTable(snapshot: ExecutionSnapshot, now: Date): string[] {
  const rows = snapshot.steps.map((s) => [s.name, statusText(s), clock(s.startTime), stepDuration(s, now), s.detail ?? '']);
  const table = columns([['STEP', 'STATUS', 'STARTED', 'DURATION', 'JOB'], ...rows]);
  const lines: string[] = [];
  table.forEach((line, i) => {
    lines.push(line);
    const reason = i > 0 ? snapshot.steps[i - 1]?.failureReason : undefined;
    if (reason) lines.push(`    ↳ ${reason}`);
  });
  lines.push(`execution ${snapshot.status}${snapshot.failureReason ? `: ${snapshot.failureReason}` : ''}`);
  return lines;
}

/** `Succeeded (cache hit from abc123def456)`, `Succeeded (reused from …)`, `Executing (try 2)`. */
export function statusText(step: StepRow): string {
  if (step.cachedFrom) return `${step.status} (cache hit from ${executionId(step.cachedFrom)})`;
  if (step.reusedFrom) return `${step.status} (reused from ${executionId(step.reusedFrom)})`;
  return step.status + (step.attempts ? ` (try ${step.attempts})` : '');
}

/** One line per step whose status changed since `previous` (for logs and pipes). */
export function stepEvents(previous: ExecutionSnapshot | undefined, snapshot: ExecutionSnapshot): string[] {
  const before = new Map(previous?.steps.map((s) => [s.name, s.status]) ?? []);
  return snapshot.steps
    .filter((s) => before.get(s.name) !== s.status)
    .flatMap((s) => {
      const at = clock(s.endTime ?? s.startTime);
      const line = `${at}  ${s.name}  ${statusText(s)}${s.detail ? `  ${s.detail}` : ''}`;
      return s.failureReason ? [line, `    ↳ ${s.failureReason}`] : [line];
    });
}

export function renderExecutions(executions: ExecutionSummary[]): string[] {
  const rows = executions.map((e) => [e.startTime ? e.startTime.toISOString().replace('T', ' ').slice(0, 19) : '-', e.status, e.displayName ?? '', e.arn]);
  const table = columns([['STARTED (UTC)', 'STATUS', 'NAME', 'ARN'], ...rows]);
  return table.flatMap((line, i) => (i === 0 ? [line] : [line, ...reuseLines(executions[i - 1] as ExecutionSummary)]));
}

/** Under an execution: the steps it took from the cache or from a reference execution, and from where. */
function reuseLines(execution: ExecutionSummary): string[] {
  const steps = execution.steps ?? [];
  const group = (pick: (s: StepRow) => string | undefined, what: string): string[] => {
    const bySource = new Map<string, string[]>();
    for (const step of steps) {
      const source = pick(step);
      if (source) bySource.set(source, [...(bySource.get(source) ?? []), step.name]);
    }
    return [...bySource].map(([source, names]) => `    ${what} ${executionId(source)}: ${names.join(', ')}`);
  };
  return [...group((s) => s.cachedFrom, 'cache hits from'), ...group((s) => s.reusedFrom, 'reused from')];
}

/** Left-aligned columns separated by two spaces; trailing blanks trimmed. */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}
