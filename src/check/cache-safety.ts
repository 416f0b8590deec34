/**
 * SMP4007 / SMP4008: a cached step whose cache key holds a value that changes in every execution
 * is never reused from the cache, silently: the days of labeling or the hours of training run
 * again after any later failure. One warning per step and cause, at the YAML field that brought
 * the value in (the user's `${execution.id}` or `${steps.S…}`), listing every key field it reaches.
 * smpipe's own defaults never put such a value in a key (test/cache-safety.test.ts holds them to it);
 * `userWritten` says whether a finding traces back to something the spec wrote.
 */
import type { Code } from '../diagnostics/codes.js';
import { problem, withHint, type Problem } from '../diagnostics/messages.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Json } from '../expr/types.js';
import { EXECUTION_VARIABLES } from '../expr/resolve.js';
import type { PipelineSpec } from '../spec/types.js';
import type { StepKind } from '../steps/types.js';
import { joinPointer, valueAt } from '../spec/pointer.js';
import { specPointer } from './api.js';
import { showPath } from './value-refs.js';
import { CACHE_KEYS_SOURCE, argumentsPath, cacheKeyAttributes } from './cache-keys.js';
import { analyseCaching, type Cause, type KeyFinding, type StepCaching } from './per-execution.js';

export interface CacheSafetyFinding {
  code: Extract<Code, 'SMP4007' | 'SMP4008'>;
  step: string;
  cause: Cause;
  /** Key fields holding the value, e.g. `HyperParameters.name`. */
  fields: string[];
  pointer: string;
  /** false: no field of the spec wrote this value, so one of smpipe's defaults did (a bug). */
  userWritten: boolean;
}

const SPEC_VARIABLE = Object.fromEntries(Object.entries(EXECUTION_VARIABLES).map(([spec, get]) => [get.slice('Execution.'.length), spec]));

/** Where a key field's value came from: a pointer, and whether the user wrote the expression there. */
export type Locate = (step: string, path: (string | number)[], cause: Cause) => { pointer: string; written: boolean };

/** Findings placed on the spec field that brought the value in (the kind's origins, `arguments:`, `inputs:`). */
export function specLocator(kinds: Map<string, StepKind>, spec: PipelineSpec): Locate {
  return (step, path, cause) => {
    const pointer = narrow(spec, pointerOf(step, path, kinds, spec), needle(cause));
    return { pointer, written: writes(spec, pointer, cause) };
  };
}

/** The findings of a compiled definition, one per cached step and cause. */
export function cacheSafetyFindings(definition: Json, locate: Locate): CacheSafetyFinding[] {
  const out: CacheSafetyFinding[] = [];
  for (const info of analyseCaching(definition).values()) {
    const groups = new Map<string, KeyFinding[]>();
    for (const finding of info.findings) {
      const id = finding.cause.kind === 'execution' ? `x:${finding.cause.variable}` : `s:${finding.cause.step}`;
      groups.set(id, [...(groups.get(id) ?? []), finding]);
    }
    for (const group of groups.values()) out.push(toFinding(info, group, locate));
  }
  return out;
}

function toFinding(info: StepCaching, group: KeyFinding[], locate: Locate): CacheSafetyFinding {
  const cause = (group[0] as KeyFinding).cause;
  // A key field's path as the step's Arguments hold it (a check step's SDK object → its request member).
  const placed = group.map((f) => locate(info.name, argumentsPath(info.type, f.path), cause));
  const best = placed.find((p) => p.written) ?? (placed[0] as { pointer: string; written: boolean });
  return {
    code: cause.kind === 'execution' ? 'SMP4007' : 'SMP4008',
    step: info.name,
    cause,
    fields: [...new Set(group.map((f) => showPath(f.path)))],
    pointer: best.pointer,
    userWritten: best.written,
  };
}

/** The spec field a key path comes from: a kind's origins, else a callback's or lambda's `inputs:`. */
function pointerOf(step: string, path: (string | number)[], kinds: Map<string, StepKind>, spec: PipelineSpec): string {
  const api = kinds.get(step)?.api;
  if (api) return specPointer(step, path, api.origins, spec);
  const stepSpec = spec.steps[step] as Record<string, unknown> | undefined;
  const input = typeof path[0] === 'string' ? path[0] : undefined;
  if (input !== undefined && valueAt(stepSpec?.inputs, input) !== undefined) return `/steps/${step}/inputs/${input}`;
  return specPointer(step, path, {}, spec);
}

/** The spec text of the expression behind `cause`: `${execution.id}`, or `${steps.Prep.` (any property). */
function needle(cause: Cause): string {
  if (cause.kind === 'upstream') return `\${steps.${cause.step}.`;
  return `\${execution.${SPEC_VARIABLE[cause.variable] ?? cause.variable}}`;
}

/** Does the spec text at `pointer` hold the expression behind `cause`? */
function writes(spec: PipelineSpec, pointer: string, cause: Cause): boolean {
  return JSON.stringify(valueAt(spec, pointer.slice(1)) ?? null).includes(needle(cause));
}

/** From a field down to the one member (a channel, a list item) that holds the expression, while there is exactly one. */
function narrow(spec: PipelineSpec, pointer: string, text: string): string {
  let at = pointer;
  for (;;) {
    const node = valueAt(spec, at.slice(1));
    if (node === null || typeof node !== 'object') return at;
    const holding = Object.entries(node).filter(([, child]) => JSON.stringify(child ?? null).includes(text));
    if (holding.length !== 1) return at;
    at = joinPointer(at, (holding[0] as [string, unknown])[0]);
  }
}

/** Reports the findings as warnings. */
export function checkCacheSafety(definition: Json, locate: Locate, reporter: Reporter): void {
  const caching = analyseCaching(definition);
  for (const finding of cacheSafetyFindings(definition, locate)) {
    const info = caching.get(finding.step) as StepCaching;
    reporter.reportProblem(withHint(findingProblem(finding, caching), hint(finding, info)), finding.pointer);
  }
}

function findingProblem(finding: CacheSafetyFinding, caching: Map<string, StepCaching>): Problem {
  const fields = finding.fields.join(', ');
  const one = finding.fields.length === 1;
  if (finding.cause.kind === 'execution') {
    const expression = `\${execution.${SPEC_VARIABLE[finding.cause.variable] ?? finding.cause.variable}}`;
    return problem('SMP4007.executionValue', { step: finding.step, fields, verb: one ? 'holds' : 'hold', expression });
  }
  const why = whyReruns(caching.get(finding.cause.step));
  return problem('SMP4008.upstreamReruns', { step: finding.step, fields, verb: one ? 'reads' : 'read', upstream: finding.cause.step, why });
}

export function whyReruns(info: StepCaching | undefined): string {
  const reason = info?.reruns;
  if (!reason) return 'unknown';
  if (reason.why === 'not-cached') return 'it is not cached';
  if (reason.why === 'uncacheable') return `${info.type} steps cannot be cached`;
  if (reason.why === 'input') return `it reads ${reason.step}, which does`;
  return `its own cache key field ${showPath(reason.finding.path)} changes in every execution`;
}

function hint(finding: CacheSafetyFinding, info: StepCaching): string {
  const attributes = (cacheKeyAttributes(info.type) ?? []).map((a) => a.name).join(', ');
  const key = info.key?.documented
    ? `the ${info.type} step's cache key is ${attributes} (${CACHE_KEYS_SOURCE})`
    : `SageMaker documents no cache key for ${info.type} steps; smpipe assumes all of its Arguments`;
  const fix = finding.cause.kind === 'execution'
    ? 'keep per-execution values out of these fields (an output location is not part of the key), or set cache: false on the step'
    : `cache ${finding.cause.step} with a key that stays the same, or set cache: false on ${finding.step}`;
  return `${fix}; ${key}`;
}
