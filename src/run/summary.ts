/** The summary printed when a run ends: each step's outcome, its outputs (with local paths), the conditions. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Json } from '../expr/types.js';
import { isObject } from './definition.js';
import { renderValue } from './expressions.js';
import type { LocalS3 } from './local-s3.js';
import type { RunRecord, RunStore, StepRecord } from './state.js';
import { seconds, stepNote } from './view.js';

/** What a resource step created, by step type. */
const NAMED_BY_TYPE: Record<string, string> = { Model: 'ModelName', RegisterModel: 'ModelPackageArn', EndpointConfig: 'EndpointConfigName', Endpoint: 'EndpointName' };

const OPERATORS: Record<string, string> = { Equals: '==', GreaterThan: '>', GreaterThanOrEqualTo: '>=', LessThan: '<', LessThanOrEqualTo: '<=' };

function describeCondition(c: Json): string {
  if (!isObject(c)) return '?';
  const op = OPERATORS[String(c.Type)];
  if (op) return `${renderValue(c.LeftValue ?? null)} ${op} ${renderValue(c.RightValue ?? null)}`;
  if (c.Type === 'Not') return `not (${describeCondition(c.Expression ?? null)})`;
  if (c.Type === 'Or') return (Array.isArray(c.Conditions) ? c.Conditions : []).map(describeCondition).join(' or ');
  if (c.Type === 'In') return `${renderValue(c.QueryValue ?? null)} in ${JSON.stringify(c.Values)}`;
  return String(c.Type);
}

function local(s3: LocalS3, uri: string): string {
  try {
    return relative(process.cwd(), s3.pathOf(uri)) || '.';
  } catch {
    return uri;
  }
}

function outputs(step: StepRecord, s3: LocalS3, store: RunStore, runId: string): string[] {
  const p = step.properties ?? {};
  const lines: string[] = [];
  const config = isObject(p.ProcessingOutputConfig) && Array.isArray(p.ProcessingOutputConfig.Outputs) ? p.ProcessingOutputConfig.Outputs : [];
  for (const o of config) if (isObject(o) && isObject(o.S3Output)) lines.push(`${String(o.OutputName)}: ${local(s3, String(o.S3Output.S3Uri))}`);
  if (isObject(p.ModelArtifacts)) lines.push(`model: ${local(s3, String(p.ModelArtifacts.S3ModelArtifacts))}`);
  if (Array.isArray(p.FinalMetricDataList) && p.FinalMetricDataList.length) lines.push(`metrics: ${p.FinalMetricDataList.map((m) => (isObject(m) ? `${String(m.MetricName)}=${String(m.Value)}` : '')).join(' ')}`);
  if (isObject(p.OutputParameters)) for (const [k, v] of Object.entries(p.OutputParameters)) lines.push(`${k}: ${renderValue(v)}`);
  const named = NAMED_BY_TYPE[step.type];
  if (named && typeof p[named] === 'string') lines.push(`${named}: ${String(p[named])}`);
  if (step.type === 'Condition' && step.status === 'Succeeded') {
    const file = join(store.stepDir(runId, step.name), 'arguments.json');
    const args = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
    if (isObject(args) && Array.isArray(args.Conditions)) lines.push(`${args.Conditions.map(describeCondition).join(' and ')} → ${String(step.outcome)}`);
  }
  return lines;
}

export function renderSummary(run: RunRecord, s3: LocalS3, store: RunStore): string {
  const out = [`\nrun ${run.id} of ${run.pipeline}: ${run.status} in ${seconds(run.startedAt, run.endedAt)}${run.failureReason ? ` — ${run.failureReason}` : ''}`];
  for (const step of Object.values(run.steps)) {
    const duration = step.status === 'Skipped' ? '' : seconds(step.startedAt, step.endedAt);
    out.push(`  ${step.name} ${step.status}${duration ? ` ${duration}` : ''}${stepNote(step) ? `: ${stepNote(step)}` : ''}`);
    for (const line of outputs(step, s3, store, run.id)) out.push(`      ${line}`);
    if (step.status === 'Failed') out.push(`      log: ${relative(process.cwd(), join(store.stepDir(run.id, step.name), 'log.txt'))}`);
  }
  out.push(`logs and job folders: ${relative(process.cwd(), store.runDir(run.id)) || '.'}/<step>/`);
  return `${out.join('\n')}\n`;
}
