/** The cost estimate and the cache forecast as text lines (plan, preflight): deterministic, golden-tested. */
import type { CacheForecast } from './cache-forecast.js';
import type { CostEstimate, StepCost } from './cost.js';
import { PRICES_DATE } from './prices.js';
import { columns } from './render-steps.js';

/** `$1,531.44` whatever the locale. */
export function usd(amount: number): string {
  const [whole, cents] = amount.toFixed(2).split('.') as [string, string];
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function hours(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function renderCost(estimate: CostEstimate): string[] {
  const jobs = estimate.steps.filter((s) => !s.endpoint);
  const endpoints = estimate.steps.filter((s) => s.endpoint);
  if (!estimate.steps.length) return [];
  const head = `Cost, worst case per execution (on-demand USD, ${estimate.region} prices of ${PRICES_DATE}; * = price not confirmed, see src/deploy/prices.ts):`;
  const rows = jobs.map((s) => [s.step, `${s.type} × ${s.count}`, `${hours(s.instanceHours ?? 0)}${s.unbounded ? ' (no limit set)' : ''}`, rate(s), s.worstUsd === undefined ? 'not priced' : usd(s.worstUsd)]);
  const table = jobs.length ? columns([['STEP', 'INSTANCE', 'INSTANCE-HOURS', '$/HOUR', 'WORST CASE'], ...rows]).map((l) => `  ${l}`) : [];
  const total = jobs.length ? [`  Total: ${usd(estimate.totalUsd)} per execution if every job runs to its limit (labeling by people, storage and transfer not included)`] : [];
  const serving = endpoints.map((s) => `  Endpoint ${s.step}: ${s.type} × ${s.count} at ${s.usdPerHour === undefined ? 'an unknown price' : `${usd(s.usdPerHour * s.count)}${s.unverifiedPrice ? '*' : ''}`}/hour while it runs (not in the total)`);
  const unpriced = estimate.unpriced.map((u) => `  Not priced: ${u.step} ${u.type} (no ${estimate.region} price in smpipe's table)`);
  return ['', head, ...table, ...total, ...serving, ...unpriced];
}

function rate(step: StepCost): string {
  return step.usdPerHour === undefined ? '-' : `${step.usdPerHour}${step.unverifiedPrice ? '*' : ''}`;
}

export function renderForecast(forecast: CacheForecast[]): string[] {
  if (!forecast.length) return [];
  const rows = forecast.map((f) => [f.step, f.reused ? 'reused (key unchanged)' : `runs${f.why ? `: ${f.why}` : ''}`]);
  return [
    '',
    'Caching, next execution with default parameters (reused = a successful run with the same key within ExpireAfter is taken):',
    ...columns(rows).map((l) => `  ${l}`),
  ];
}
