/**
 * Step caching as the service does it (src/check/cache-keys.ts has the documented key per step
 * type and its source): a step with CacheConfig.Enabled whose key attributes, resolved, equal
 * those of an earlier successful run of the same step of the same pipeline, finished within
 * ExpireAfter, is not run; the most recent such run's properties are reused. Entries are
 * committed only when the whole run succeeded ("A previous run of a pipeline step is considered
 * successful when the run itself and the entire pipeline are both successful").
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../assets/hash.js';
import { cacheKeyView } from '../check/cache-keys.js';
import { sortedJson } from '../util/canonical-json.js';
import type { Json } from '../expr/types.js';
import type { DefinitionStep, JsonObject } from './definition.js';

export interface CacheEntry {
  step: string;
  key: string;
  runId: string;
  finishedAt: string;
  properties: JsonObject;
}

const UNIT_MS: Record<string, number> = {
  Y: 365 * 86_400_000, // a year and a month as fixed lengths: the service does not say otherwise
  M: 30 * 86_400_000,
  W: 7 * 86_400_000,
  D: 86_400_000,
  H: 3_600_000,
  TM: 60_000,
  S: 1000,
};

/** An ISO 8601 duration (P30D, PT1H, P1DT12H) in milliseconds, or undefined. */
export function durationMs(text: string | undefined): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text ?? '');
  if (!match || text === 'P' || text?.endsWith('T')) return undefined;
  const units = ['Y', 'M', 'W', 'D', 'H', 'TM', 'S'];
  return units.reduce((sum, unit, i) => sum + Number(match[i + 1] ?? 0) * (UNIT_MS[unit] as number), 0);
}

/** The sha256 of the step's resolved key attributes; undefined when its type has no documented key. */
export function cacheKeyOf(step: DefinitionStep, resolvedArguments: Json): string | undefined {
  const view = cacheKeyView(step.Type, { ...step, Arguments: resolvedArguments });
  return view === undefined ? undefined : sha256Hex(sortedJson({ step: step.Name, type: step.Type, key: view }));
}

export class StepCache {
  private readonly file: string;

  constructor(localDir: string, pipeline: string) {
    this.file = join(localDir, 'cache', `${pipeline}.json`);
  }

  private entries(): CacheEntry[] {
    if (!existsSync(this.file)) return [];
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as CacheEntry[];
    } catch {
      return [];
    }
  }

  /** The most recent entry for this step and key that finished no longer than `expireMs` ago. */
  lookup(step: string, key: string, expireMs: number, now = Date.now()): CacheEntry | undefined {
    const fresh = this.entries().filter((e) => e.step === step && e.key === key && now - Date.parse(e.finishedAt) <= expireMs);
    fresh.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : -1));
    return fresh[0];
  }

  commit(added: readonly CacheEntry[]): void {
    if (!added.length) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    const all = [...this.entries(), ...added];
    writeFileSync(`${this.file}.tmp-${process.pid}`, `${JSON.stringify(all, null, 1)}\n`);
    renameSync(`${this.file}.tmp-${process.pid}`, this.file);
  }
}
