import type { Reporter } from '../diagnostics/reporter.js';
import type { Json } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import { JOB_EXCEPTIONS, STEP_EXCEPTIONS, type RetryException } from '../spec/retry-exceptions.js';
import type { RETRY_PRESETS } from '../spec/schema.js';
import type { CacheSpec, RetryPolicySpec } from '../spec/types.js';
import type { StepKind } from '../steps/types.js';

type RetryPreset = (typeof RETRY_PRESETS)[number];

const SERVICE = [...STEP_EXCEPTIONS];
const JOB = [...JOB_EXCEPTIONS];

/** Named presets; job-level policies are kept only where the step type accepts them. */
const PRESETS: Record<RetryPreset, RetryPolicySpec[]> = {
  none: [],
  standard: [
    { on: SERVICE, attempts: 3, intervalSeconds: 10, backoffRate: 2 },
    { on: JOB, intervalSeconds: 60, backoffRate: 2, expireAfterMinutes: 240 },
  ],
  capacity: [
    { on: SERVICE, attempts: 5, intervalSeconds: 10, backoffRate: 2 },
    { on: JOB, intervalSeconds: 300, backoffRate: 1.5, expireAfterMinutes: 720 },
  ],
};

/** `CacheConfig` from a spec value; undefined when caching is off. */
export function cacheConfig(value: unknown): Json | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { Enabled: true };
  if (typeof value === 'string') return { Enabled: true, ExpireAfter: isoDuration(value) };
  if (typeof value !== 'object' || value === null) return undefined; // reported by the spec schema
  const { enabled = true, expireAfter }: Exclude<CacheSpec, string | boolean> = value;
  if (!enabled) return undefined;
  return typeof expireAfter === 'string' && expireAfter ? { Enabled: true, ExpireAfter: isoDuration(expireAfter) } : { Enabled: true };
}

/** `30d` → `P30D`, `T12h` → `PT12H`: the strict ISO 8601 form of a duration the spec schema accepted. */
export function isoDuration(value: string): string {
  const upper = value.toUpperCase();
  return upper.startsWith('P') ? upper : `P${upper}`;
}

/**
 * `RetryPolicies` for a step. An explicit policy naming an exception type the
 * step type rejects is an error; a preset silently keeps what applies. `value` is a step's
 * validated `retry:` or `defaults.retry`, which the compile reads even when the top level had
 * schema errors: anything else was reported there.
 */
export function retryPolicies(value: unknown, kind: StepKind, pointer: string, explicit: boolean, reporter: Reporter): Json[] | undefined {
  if (value === undefined) return undefined;
  const allowed = new Set<RetryException>(kind.retryExceptions);
  const specs = retrySpecs(value);
  const policies: Json[] = [];
  specs.forEach((spec, i) => {
    const listed = Array.isArray(spec?.on) ? spec.on : [];
    const on = typeof value === 'string' ? listed.filter((e) => allowed.has(e)) : listed;
    if (explicit && typeof value !== 'string') reportRejected(listed, allowed, kind, joinPointer(pointer, i, 'on'), reporter);
    if (on.length > 0) policies.push(retryPolicy({ ...spec, on }));
  });
  return policies.length > 0 ? policies : undefined;
}

/** The policies a `retry:` value names: a preset's, or its own list; none for a value the schema reported. */
function retrySpecs(value: unknown): readonly Partial<RetryPolicySpec>[] {
  if (typeof value === 'string') return isPreset(value) ? PRESETS[value] : [];
  // A list of policies; each item's `on` is checked again below, as the schema may have failed.
  return Array.isArray(value) ? value : [];
}

function isPreset(name: string): name is RetryPreset {
  return Object.hasOwn(PRESETS, name);
}

function reportRejected(on: RetryException[], allowed: Set<RetryException>, kind: StepKind, pointer: string, reporter: Reporter): void {
  on.forEach((exception, j) => {
    if (!allowed.has(exception)) {
      reporter.report('SMP5005.exception', joinPointer(pointer, j), { type: kind.type, exception, allowed: [...allowed].join(', ') });
    }
  });
}

function retryPolicy(spec: RetryPolicySpec): Json {
  const policy: Record<string, Json> = { ExceptionType: spec.on };
  if (spec.intervalSeconds !== undefined) policy.IntervalSeconds = spec.intervalSeconds;
  if (spec.backoffRate !== undefined) policy.BackoffRate = spec.backoffRate;
  if (spec.expireAfterMinutes !== undefined) policy.ExpireAfterMin = spec.expireAfterMinutes;
  else policy.MaxAttempts = spec.attempts ?? 3;
  return policy;
}
