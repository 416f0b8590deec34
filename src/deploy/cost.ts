/**
 * The worst case a run can cost, offline: for every job step, the most instance-hours it can use
 * (its MaxRuntimeInSeconds × instance count) at the dearest instance type it may get, priced from
 * smpipe's table (prices.ts). Endpoints bill by the hour until deleted: they are given per hour and
 * kept out of the per-execution total. Labeling by people, storage and data transfer are not priced.
 */
import { instanceUses, type InstanceUse } from './instance-use.js';
import { priceOf, unverified } from './prices.js';
import type { Json } from '../expr/types.js';

/** CreateProcessingJob's largest MaxRuntimeInSeconds: a job without a limit is priced as if it ran that long. */
export const API_MAX_RUNTIME_SECONDS = 777_600;

export interface StepCost {
  step: string;
  /** The instance type priced: the dearest the step may get. */
  type: string;
  count: number;
  /** Instance-hours at most (runtime × count); undefined for an endpoint. */
  instanceHours?: number;
  /** True when the step sets no maximum runtime and the API's largest was used. */
  unbounded: boolean;
  usdPerHour?: number;
  /** The price is not confirmed by three agreeing copies (prices.ts). */
  unverifiedPrice: boolean;
  /** Worst case for one execution; undefined for an endpoint or an unpriced type. */
  worstUsd?: number;
  endpoint: boolean;
}

export interface CostEstimate {
  region: string;
  steps: StepCost[];
  totalUsd: number;
  /** Instance types with no price for the region, by step. */
  unpriced: { step: string; type: string }[];
}

export function estimateCost(definition: Json, region: string, given: Readonly<Record<string, string>> = {}, only?: ReadonlySet<string>): CostEstimate {
  const steps: StepCost[] = [];
  const unpriced: CostEstimate['unpriced'] = [];
  for (const use of instanceUses(definition, given).filter((u) => !only || only.has(u.step))) {
    for (const choice of use.choices) if (!priceOf(region, choice.type)) unpriced.push({ step: use.step, type: choice.type });
    const cost = stepCost(use, region);
    if (cost) steps.push(cost);
  }
  const totalUsd = steps.reduce((sum, s) => sum + (s.worstUsd ?? 0), 0);
  return { region, steps, totalUsd, unpriced };
}

function stepCost(use: InstanceUse, region: string): StepCost | undefined {
  const priced = use.choices.map((c) => ({ type: c.type, price: priceOf(region, c.type) }));
  const dearest = priced.filter((p) => p.price).sort((a, b) => (b.price?.usdPerHour ?? 0) - (a.price?.usdPerHour ?? 0))[0] ?? priced[0];
  if (!dearest) return undefined;
  const endpoint = use.usage === 'endpoint';
  const unbounded = !endpoint && use.maxRuntimeSeconds === undefined;
  const hours = endpoint ? undefined : ((use.maxRuntimeSeconds ?? API_MAX_RUNTIME_SECONDS) / 3600) * use.count;
  const rate = dearest.price?.usdPerHour;
  return {
    step: use.step, type: dearest.type, count: use.count, unbounded, endpoint,
    unverifiedPrice: dearest.price ? unverified(dearest.price) : false,
    ...(hours !== undefined ? { instanceHours: hours } : {}),
    ...(rate !== undefined ? { usdPerHour: rate } : {}),
    ...(rate !== undefined && hours !== undefined ? { worstUsd: rate * hours } : {}),
  };
}
