/**
 * The hyperparameters of each training job of a local tuning run. SageMaker's Bayesian and
 * Hyperband searches are the service's own; locally every strategy but Grid samples the ranges
 * at random (seeded by RandomSeed, else 0, so a rerun tries the same values), which keeps the
 * contract under test (ranges, scaling, the objective from the log, the best job) without
 * claiming the service's search. Grid enumerates every combination of the categorical values, as
 * the service's Grid strategy does (it takes categorical ranges only: "Grid search" in
 * https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-how-it-works.html).
 *
 * Scaling, per ParameterRange.ScalingType: Linear (and Auto) uniform; Logarithmic uniform in
 * log space (ranges above 0); ReverseLogarithmic uniform in log(1 - value) (ranges within [0, 1)).
 */
import type { Json } from '../expr/types.js';
import { isObject, type JsonObject } from './definition.js';
import { StepFailure } from './errors.js';

export interface Ranges {
  continuous: { name: string; min: number; max: number; scaling: string }[];
  integer: { name: string; min: number; max: number; scaling: string }[];
  categorical: { name: string; values: string[] }[];
}

function list(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function numeric(entry: JsonObject, kind: string): { name: string; min: number; max: number; scaling: string } {
  const name = String(entry.Name);
  const min = Number(entry.MinValue);
  const max = Number(entry.MaxValue);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new StepFailure(`ValidationException: ${kind} range ${name}: MinValue ${String(entry.MinValue)} and MaxValue ${String(entry.MaxValue)} are not a range`);
  return { name, min, max, scaling: String(entry.ScalingType ?? 'Auto') };
}

export function readRanges(config: Json | undefined): Ranges {
  const ranges = isObject(config) && isObject(config.ParameterRanges) ? config.ParameterRanges : {};
  return {
    continuous: list(ranges.ContinuousParameterRanges).map((e) => numeric(e, 'continuous')),
    integer: list(ranges.IntegerParameterRanges).map((e) => numeric(e, 'integer')),
    categorical: list(ranges.CategoricalParameterRanges).map((e) => ({ name: String(e.Name), values: Array.isArray(e.Values) ? e.Values.map(String) : [] })),
  };
}

/** mulberry32: a small seeded generator, the same sequence on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scaled(u: number, min: number, max: number, scaling: string, name: string): number {
  if (scaling === 'Logarithmic') {
    if (min <= 0) throw new StepFailure(`ValidationException: range ${name}: Logarithmic scaling needs values above 0`);
    return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
  }
  if (scaling === 'ReverseLogarithmic') {
    if (min < 0 || max >= 1) throw new StepFailure(`ValidationException: range ${name}: ReverseLogarithmic scaling needs values from 0 up to, not including, 1`);
    return 1 - Math.exp(Math.log(1 - max) + u * (Math.log(1 - min) - Math.log(1 - max)));
  }
  return min + u * (max - min);
}

function randomJob(ranges: Ranges, next: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of ranges.continuous) out[r.name] = String(scaled(next(), r.min, r.max, r.scaling, r.name));
  for (const r of ranges.integer) out[r.name] = String(Math.min(r.max, Math.max(r.min, Math.round(scaled(next(), r.min, r.max, r.scaling, r.name)))));
  for (const r of ranges.categorical) out[r.name] = r.values[Math.min(r.values.length - 1, Math.floor(next() * r.values.length))] as string;
  return out;
}

function gridJobs(ranges: Ranges): Record<string, string>[] {
  let jobs: Record<string, string>[] = [{}];
  for (const r of ranges.categorical) jobs = jobs.flatMap((job) => r.values.map((value) => ({ ...job, [r.name]: value })));
  return jobs;
}

/** The tuned hyperparameters of every job, in the order they run. */
export function planJobs(strategy: string, ranges: Ranges, maxJobs: number, seed: number): Record<string, string>[] {
  if (strategy === 'Grid') return gridJobs(ranges);
  const next = seeded(seed);
  return Array.from({ length: maxJobs }, () => randomJob(ranges, next));
}
