/**
 * MetricDefinitions applied to a training job's log, as SageMaker does with the job's CloudWatch
 * log: each regex's first capture group is a value of that metric; FinalMetricDataList holds the
 * last value of each. Values that are not finite numbers (nan, inf) are left out: JSON has no NaN.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Json } from '../expr/types.js';
import { isObject } from './definition.js';

export function logSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/** The log's text from byte `start` on (what the job itself printed). */
export function logSince(file: string, start: number): string {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - start));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

export function finalMetrics(log: string, algorithmSpecification: Json | undefined): Json[] {
  const definitions = isObject(algorithmSpecification) && Array.isArray(algorithmSpecification.MetricDefinitions) ? algorithmSpecification.MetricDefinitions : [];
  const timestamp = new Date().toISOString();
  const out: Json[] = [];
  for (const definition of definitions) {
    if (!isObject(definition) || typeof definition.Name !== 'string' || typeof definition.Regex !== 'string') continue;
    let pattern: RegExp;
    try {
      pattern = new RegExp(definition.Regex, 'g');
    } catch {
      continue;
    }
    let last: number | undefined;
    for (const match of log.matchAll(pattern)) {
      const value = Number(match[1]);
      if (match[1] !== undefined && Number.isFinite(value)) last = value;
    }
    if (last !== undefined) out.push({ MetricName: definition.Name, Value: last, Timestamp: timestamp });
  }
  return out;
}
