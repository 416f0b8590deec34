/**
 * Runs on disk: .smpipe/local/runs/<id>/run.json (rewritten atomically at every change) and one
 * folder per step holding its log and its /opt/ml. The latest run of a pipeline is what
 * --from reuses.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../expr/types.js';
import type { JsonObject } from './definition.js';

export type StepStatus = 'Pending' | 'Executing' | 'Succeeded' | 'Failed' | 'Stopped' | 'Skipped';
export type RunStatus = 'Executing' | 'Succeeded' | 'Failed' | 'Stopped';

export interface StepRecord {
  name: string;
  type: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  /** Reused from an earlier run by caching (run id). */
  cacheHit?: string;
  /** Reused from an earlier run by --from (run id). */
  reusedFrom?: string;
  /** Why the step did not run (branch not taken, the run failed first). */
  note?: string;
  jobName?: string;
  properties?: JsonObject;
  failureReason?: string;
  /** A condition's outcome. */
  outcome?: boolean;
  /** sha256 of the step's cache key attributes, when it has a documented key and caching on. */
  cacheKey?: string;
}

export interface RunRecord {
  id: string;
  pipeline: string;
  arn: string;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  parameters: Record<string, Json>;
  definitionSha256: string;
  failureReason?: string;
  steps: Record<string, StepRecord>;
}

/** Like a pipeline execution id: 12 lower-case letters and digits. */
export function newRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class RunStore {
  constructor(readonly localDir: string) {}

  get runsDir(): string {
    return join(this.localDir, 'runs');
  }

  runDir(id: string): string {
    return join(this.runsDir, id);
  }

  stepDir(id: string, step: string): string {
    return join(this.runDir(id), step);
  }

  save(run: RunRecord): void {
    const dir = this.runDir(run.id);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'run.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(run, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }

  load(id: string): RunRecord | undefined {
    const file = join(this.runDir(id), 'run.json');
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
  }

  /** The most recently started run of `pipeline`, other than `except`. */
  latest(pipeline: string, except?: string): RunRecord | undefined {
    if (!existsSync(this.runsDir)) return undefined;
    const runs = readdirSync(this.runsDir)
      .filter((id) => id !== except)
      .map((id) => this.load(id))
      .filter((r): r is RunRecord => r !== undefined && r.pipeline === pipeline);
    runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1));
    return runs[0];
  }
}
