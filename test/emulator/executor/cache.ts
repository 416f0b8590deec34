/**
 * Step caching as the developer guide describes it
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-caching.html): a step with
 * CacheConfig.Enabled is reused when an earlier successful run of the same step of the same
 * pipeline had the same cache key and ended within ExpireAfter; the most recent one wins. The key
 * is the documented attributes of the resolved Arguments (src/check/cache-keys.ts), or all of the
 * Arguments for the types the guide does not list (src/check/step-cache-key.ts), compared as
 * key-sorted JSON. A reused step takes the earlier run's properties and metadata, and
 * ListPipelineExecutionSteps shows CacheHitResult.SourcePipelineExecutionArn.
 */
import { isCached, stepCacheKey } from '../../../src/check/step-cache-key.js';
import { sortedJson } from '../../../src/util/canonical-json.js';
import type { FlatStep } from '../definition/parse.js';
import type { JsonObject } from '../definition/refs.js';

export interface CachedRun {
  executionArn: string;
  endTime: number;
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export class StepCache {
  private readonly runs = new Map<string, CachedRun[]>();

  /** The key of a cached step with these resolved arguments; undefined when the step is not cached. */
  keyOf(step: FlatStep, args: JsonObject): string | undefined {
    if (!isCached(step.raw)) return undefined;
    const key = stepCacheKey(step.type, { ...step.raw, Arguments: args });
    return key ? sortedJson(key.view) : undefined;
  }

  /** The most recent successful run with this key that has not expired. */
  lookup(pipeline: string, step: FlatStep, key: string, now: number): CachedRun | undefined {
    const expireAfter = (step.raw['CacheConfig'] as { ExpireAfter?: unknown } | undefined)?.ExpireAfter;
    const ttl = typeof expireAfter === 'string' ? durationMs(expireAfter) : Infinity;
    const candidates = (this.runs.get(id(pipeline, step.name, key)) ?? []).filter((r) => now - r.endTime <= ttl);
    return candidates.sort((a, b) => b.endTime - a.endTime)[0];
  }

  record(pipeline: string, step: string, key: string, run: CachedRun): void {
    const at = id(pipeline, step, key);
    this.runs.set(at, [...(this.runs.get(at) ?? []), run]);
  }
}

const id = (pipeline: string, step: string, key: string): string => `${pipeline}\u0000${step}\u0000${key}`;

const UNIT_MS: Record<string, number> = { Y: 365 * 86_400_000, M: 30 * 86_400_000, W: 7 * 86_400_000, D: 86_400_000 };
const TIME_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000 };

/** ISO 8601 durations as CacheConfig takes them: P30D, PT12H, P4DT12H, and the SDK's lower-case "p30d". */
export function durationMs(text: string): number {
  const match = /^P?((?:\d+[YMWD])*)(?:T((?:\d+(?:\.\d+)?[HMS])*))?$/i.exec(text.trim());
  if (!match) return Infinity;
  let total = 0;
  for (const [, n, unit] of (match[1] ?? '').matchAll(/(\d+)([YMWD])/gi)) total += Number(n) * (UNIT_MS[(unit as string).toUpperCase()] ?? 0);
  for (const [, n, unit] of (match[2] ?? '').matchAll(/(\d+(?:\.\d+)?)([HMS])/gi)) total += Number(n) * (TIME_MS[(unit as string).toUpperCase()] ?? 0);
  return total;
}
