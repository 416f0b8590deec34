/**
 * `plan`'s forecast of step caching for the next execution with default parameters, offline:
 * each step's cache key (SageMaker's documented key attributes, src/check/cache-keys.ts; all of the
 * Arguments where none are documented) in the compiled definition against the deployed one.
 * A step is reused when its key is unchanged, holds no per-execution value, reads no step that runs
 * again, and an earlier execution ran it successfully within its ExpireAfter (which only AWS knows:
 * the forecast says "reused" under that condition).
 */
import type { Json } from '../expr/types.js';
import { analyseCaching, type StepCaching } from '../check/per-execution.js';
import { EXECUTION_VARIABLES } from '../expr/resolve.js';
import { showPath, valueRefs } from '../check/value-refs.js';
import { diffJson } from './json-diff.js';

export interface CacheForecast {
  step: string;
  type: string;
  reused: boolean;
  /** Why it runs, e.g. "HyperParameters.beta changed"; empty when reused. */
  why: string;
}

const DERIVED = new Set(['Condition', 'Fail']);
const SPEC_NAME = Object.fromEntries(Object.entries(EXECUTION_VARIABLES).map(([name, get]) => [get.slice('Execution.'.length), name]));

/** One forecast per step that can run a job or make a resource (conditions and fail steps are left out). */
export function forecastCaching(deployed: Json | undefined, desired: Json): CacheForecast[] {
  const now = analyseCaching(desired);
  const before = deployed === undefined ? undefined : analyseCaching(deployed);
  const defaults = changedDefaults(deployed, desired);
  const runs = new Map<string, string>();
  for (const info of now.values()) {
    if (DERIVED.has(info.type)) continue;
    const why = ownReason(info, before?.get(info.name), defaults, before === undefined);
    if (why) runs.set(info.name, why);
  }
  propagate(now, runs);
  return [...now.values()].filter((i) => !DERIVED.has(i.type)).map((i) => ({ step: i.name, type: i.type, reused: !runs.has(i.name), why: runs.get(i.name) ?? '' }));
}

/** Why a step runs whatever the others do, or undefined. */
function ownReason(info: StepCaching, old: StepCaching | undefined, defaults: Map<string, string>, created: boolean): string | undefined {
  if (!info.key) return `${info.type} steps cannot be cached`;
  if (!info.cached) return 'not cached';
  const finding = info.findings.find((f) => f.cause.kind === 'execution');
  if (finding?.cause.kind === 'execution') return `${showPath(finding.path)} holds \${execution.${SPEC_NAME[finding.cause.variable] ?? finding.cause.variable}}, new in every execution`;
  const upstream = info.findings.find((f) => f.cause.kind === 'upstream');
  if (upstream?.cause.kind === 'upstream') return `reads ${upstream.cause.step}, which runs again in every execution`;
  if (created) return 'first execution of a new pipeline';
  if (!old) return 'new step';
  if (!old.cached) return 'caching is new: no cached run of it yet';
  const changed = [...new Set(diffJson(old.key?.view, info.key.view).map((c) => fieldOf(c.path)))];
  if (changed.length) return `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed`;
  const parameter = valueRefs(info.key.view).map((r) => r.get.slice('Parameters.'.length)).find((name) => defaults.has(name));
  return parameter ? `default of ${parameter} changed (${defaults.get(parameter)})` : undefined;
}

/** The field a changed path lies in: `CheckpointConfig.S3Uri`, not the inside of its Std:Join. */
function fieldOf(path: string): string {
  const inside = path.search(/\['Std:|\.Get\b|\['Get'\]/);
  return inside < 0 ? path : path.slice(0, inside);
}

/** A step that reads a step that runs again gets new inputs: it runs too. */
function propagate(steps: Map<string, StepCaching>, runs: Map<string, string>): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const info of steps.values()) {
      if (runs.has(info.name) || DERIVED.has(info.type) || !info.key) continue;
      const upstream = valueRefs(info.key.view).map((r) => r.step).find((s) => s !== undefined && runs.has(s));
      if (upstream) {
        runs.set(info.name, `reads ${upstream}, which runs again`);
        changed = true;
      }
    }
  }
}

/** Parameters whose DefaultValue differs, with "old → new". */
function changedDefaults(deployed: Json | undefined, desired: Json): Map<string, string> {
  const byName = (d: Json | undefined) => new Map((((d as { Parameters?: { Name: string; DefaultValue?: unknown }[] })?.Parameters) ?? []).map((p) => [p.Name, p.DefaultValue]));
  const old = byName(deployed);
  const out = new Map<string, string>();
  for (const [name, value] of byName(desired)) {
    if (old.has(name) && JSON.stringify(old.get(name)) !== JSON.stringify(value)) out.set(name, `${JSON.stringify(old.get(name))} → ${JSON.stringify(value)}`);
  }
  return out;
}
