/** Medians, quantiles and millisecond formatting for `make bench`'s measurements. */

export interface Stats { n: number; median: number; p10: number; p90: number; min: number }

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), min: sorted[0] ?? NaN };
}

export function fmtMs(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export const now = (): bigint => process.hrtime.bigint();
export const ms = (start: bigint, end: bigint): number => Number(end - start) / 1e6;

/** A report row: measurement, result, detail, target, verdict. */
export type Row = [string, string, string, string, string];
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
