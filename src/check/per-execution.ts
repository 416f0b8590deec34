/**
 * Which values in a definition change from one execution to the next, and which cached steps
 * therefore can never be reused. Pure: shared by the compile-time warning (cache-safety.ts) and
 * `plan`'s forecast (src/deploy/cache-forecast.ts).
 *
 * A value changes per execution when it is an execution variable that does (the id, the ARN,
 * the times, the current job's name; not the pipeline's name or ARN), or when it is a property
 * of a step that runs again in every execution: one that is not cached, cannot be cached, or is
 * cached with such a value in its own key. A property of a cached step with a clean key does not:
 * on a cache hit SageMaker "propagates the outputs from the previous run"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-caching.html), so the URI of its
 * output, holding the execution id of the run that made it, stays the same.
 */
import type { Json } from '../expr/types.js';
import { definitionSteps } from '../compile/definition-steps.js';
import { isCached, stepCacheKey, type StepCacheKey } from './step-cache-key.js';
import { valueRefs, type ValueRef } from './value-refs.js';

export { showPath } from './value-refs.js';

export const PER_EXECUTION_VARIABLES: ReadonlySet<string> = new Set([
  'PipelineExecutionId', 'PipelineExecutionArn', 'StartDateTime', 'CurrentDateTime', 'ProcessingJobName', 'TrainingJobName',
]);

export type Cause = { kind: 'execution'; variable: string } | { kind: 'upstream'; step: string };

/** A per-execution value inside a cached step's key. `path` is relative to the key view (attribute first). */
export interface KeyFinding {
  step: string;
  path: (string | number)[];
  cause: Cause;
}

export type RerunReason =
  | { why: 'not-cached' }
  | { why: 'uncacheable' }
  | { why: 'key'; finding: KeyFinding }
  | { why: 'input'; step: string };

export interface StepCaching {
  name: string;
  type: string;
  cached: boolean;
  key?: StepCacheKey;
  /** Per-execution values in the key (cached steps only). */
  findings: KeyFinding[];
  /** Set when the step's outputs change in every execution. */
  reruns?: RerunReason;
}

/** Steps whose only outputs are decided by their inputs (no job, no resource is made). */
const DERIVED = new Set(['Condition', 'Fail']);

/** Every step of the definition (branches included) with its cache key and what defeats it. */
export function analyseCaching(definition: Json): Map<string, StepCaching> {
  const out = new Map<string, StepCaching>();
  const refs = new Map<string, ValueRef[]>();
  for (const { step, name, type } of definitionSteps(definition)) {
    const key = stepCacheKey(type, step);
    const cached = key !== undefined && isCached(step);
    out.set(name, { name, type, cached, ...(key ? { key } : {}), findings: [] });
    refs.set(name, valueRefs(key ? key.view : conditionInputs(step)));
  }
  settleReruns(out, refs);
  for (const info of out.values()) {
    if (!info.cached) continue;
    info.findings = (refs.get(info.name) ?? []).flatMap((ref) => findingFor(info.name, ref, out));
  }
  return out;
}

/** What a step without a key reads: a condition's conditions (its branches are steps of their own). */
function conditionInputs(step: Record<string, Json>): Json {
  const args = step.Arguments as Record<string, Json> | undefined;
  return step.Type === 'Condition' ? (args?.Conditions ?? null) : null;
}

function findingFor(step: string, ref: ValueRef, steps: Map<string, StepCaching>): KeyFinding[] {
  if (ref.variable) return PER_EXECUTION_VARIABLES.has(ref.variable) ? [{ step, path: ref.path, cause: { kind: 'execution', variable: ref.variable } }] : [];
  if (ref.step && steps.get(ref.step)?.reruns) return [{ step, path: ref.path, cause: { kind: 'upstream', step: ref.step } }];
  return [];
}

/** Fixed point: a step re-runs when it is not cached, or when its key (or a condition's input) holds a re-running value. */
function settleReruns(steps: Map<string, StepCaching>, refs: Map<string, ValueRef[]>): void {
  for (const info of steps.values()) {
    if (DERIVED.has(info.type)) continue;
    if (!info.key) info.reruns = { why: 'uncacheable' };
    else if (!info.cached) info.reruns = { why: 'not-cached' };
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const info of steps.values()) {
      if (info.reruns || (!info.cached && !DERIVED.has(info.type))) continue;
      const reason = rerunReason(info, refs.get(info.name) ?? [], steps);
      if (reason) {
        info.reruns = reason;
        changed = true;
      }
    }
  }
}

function rerunReason(info: StepCaching, refs: ValueRef[], steps: Map<string, StepCaching>): RerunReason | undefined {
  for (const ref of refs) {
    const [finding] = findingFor(info.name, ref, steps);
    if (!finding) continue;
    return DERIVED.has(info.type) && finding.cause.kind === 'upstream' ? { why: 'input', step: finding.cause.step } : { why: 'key', finding };
  }
  return undefined;
}
