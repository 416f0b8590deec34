/**
 * The members every step may have, back to the spec fields every kind takes: displayName,
 * description, dependsOn, cache (compile/envelope.ts cacheConfig) and retry (retryPolicies).
 */
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { isoDuration } from '../compile/envelope.js';
import { CACHE_DURATION_PATTERN } from '../spec/schema.js';
import { escapeText } from './expressions.js';

export function commonFields(step: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof step.DisplayName === 'string') out.displayName = escapeText(step.DisplayName);
  if (typeof step.Description === 'string') out.description = escapeText(step.Description);
  if (Array.isArray(step.DependsOn) && step.DependsOn.length) out.dependsOn = step.DependsOn;
  const cache = cacheOf(step.CacheConfig);
  if (cache !== undefined) out.cache = cache;
  const retry = retryOf(step.RetryPolicies);
  if (retry !== undefined) out.retry = retry;
  return out;
}

/** `cache: P30D` (or true); absent when caching is off, which is what a spec without cache: says. */
function cacheOf(config: Json | undefined): unknown {
  if (!isJsonObject(config) || config.Enabled !== true) return undefined;
  const expire = config.ExpireAfter;
  if (expire === undefined) return true;
  // The strict spelling (30d is P30D), as the compiler writes it: a second import gives the same spec.
  return typeof expire === 'string' && new RegExp(CACHE_DURATION_PATTERN).test(expire) ? isoDuration(expire) : undefined;
}

const RETRY_FIELDS: readonly [string, string][] = [['MaxAttempts', 'attempts'], ['IntervalSeconds', 'intervalSeconds'], ['BackoffRate', 'backoffRate'], ['ExpireAfterMin', 'expireAfterMinutes']];

/** RetryPolicies as explicit `retry:` policies (a preset would add or drop policies per kind). */
function retryOf(policies: Json | undefined): unknown {
  if (!Array.isArray(policies) || !policies.length) return undefined;
  return policies.map((policy) => {
    const p = isJsonObject(policy) ? policy : {};
    const out: Record<string, unknown> = { on: p.ExceptionType };
    for (const [api, field] of RETRY_FIELDS) if (p[api] !== undefined) out[field] = p[api];
    return out;
  });
}
