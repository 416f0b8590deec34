/**
 * One step of a local execution: reused (--from), or its Arguments resolved, then either a cache
 * hit (src/run/cache.ts) or its runner; the outcome lands on its StepRecord. A step's own failure
 * is recorded, never thrown: the scheduler decides what the run does next.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Json } from '../expr/types.js';
import { cacheKeyOf, durationMs, type StepCache } from './cache.js';
import { isObject, stepArguments, type JsonObject, type PlannedStep } from './definition.js';
import { RunError, StepFailure } from './errors.js';
import { resolveValue, type ResolveScope } from './expressions.js';
import type { StepGraph } from './graph.js';
import type { LocalS3 } from './local-s3.js';
import type { RunOptions } from './options.js';
import { readPath } from './paths.js';
import type { LocalRegistry } from './registry.js';
import type { RunRecord, RunStore, StepRecord } from './state.js';
import { runnerFor } from './steps/index.js';
import type { RunInfo, StepContext } from './steps/types.js';

export interface Execution {
  run: RunRecord;
  info: RunInfo;
  graph: StepGraph;
  options: RunOptions;
  store: RunStore;
  s3: LocalS3;
  cache: StepCache;
  registry: LocalRegistry;
  parameters: Record<string, Json>;
  signal: AbortSignal;
  generatedAssets: ReadonlySet<string>;
  /** Steps --from takes from the latest run, by name. */
  reuse: ReadonlyMap<string, StepRecord>;
  /** Saves run.json and tells the view. */
  changed(step?: StepRecord): void;
}

/** SageMaker's job names: pipelines-<execution id>-<step>-<suffix>, within the 63 characters allowed. */
export function jobNameFor(runId: string, step: string): string {
  const suffix = randomBytes(5).toString('hex');
  return `pipelines-${runId}-${step.slice(0, 63 - 12 - runId.length - suffix.length)}-${suffix}`;
}

function scopeFor(exec: Execution, jobName: string): ResolveScope {
  const propertyFiles = new Map<string, Json>();
  return {
    parameter: (name) => exec.parameters[name],
    execution: (name) =>
      ({
        PipelineExecutionId: exec.info.id,
        PipelineExecutionArn: exec.info.arn,
        PipelineName: exec.info.pipeline,
        PipelineArn: exec.info.pipelineArn,
        CurrentDateTime: new Date().toISOString(),
        StartDateTime: exec.info.startedAt,
        ProcessingJobName: jobName,
        TrainingJobName: jobName,
      })[name],
    step: (name) => {
      const record = exec.run.steps[name];
      return record?.status === 'Succeeded' ? record.properties : undefined;
    },
    propertyFile: (step, name) => {
      const key = `${step}\0${name}`;
      if (!propertyFiles.has(key)) propertyFiles.set(key, readPropertyFile(exec, step, name));
      return propertyFiles.get(key) as Json;
    },
  };
}

/** A property file: <the named output's S3 URI>/<FilePath>, read as JSON. */
function readPropertyFile(exec: Execution, step: string, name: string): Json {
  const planned = exec.graph.steps.get(step);
  const def = planned?.step.PropertyFiles?.find((f) => f.PropertyFileName === name);
  const properties = exec.run.steps[step]?.properties;
  if (!def || !properties) throw new StepFailure(`Property file ${name} of step ${step} is not available.`);
  const base = readPath(properties, `ProcessingOutputConfig.Outputs['${def.OutputName}'].S3Output.S3Uri`);
  const uri = `${String(base).replace(/\/+$/, '')}/${def.FilePath.replace(/^\/+/, '')}`;
  const text = exec.s3.readText(uri);
  if (text === undefined) throw new StepFailure(`Property file ${name} of step ${step}: ${uri} does not exist.`);
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new StepFailure(`Property file ${name} of step ${step}: ${uri} is not JSON.`);
  }
}

function finish(exec: Execution, record: StepRecord, status: StepRecord['status'], extra: Partial<StepRecord> = {}): void {
  Object.assign(record, { status, endedAt: new Date().toISOString() }, extra);
  exec.changed(record);
}

/** A cache hit, when the step's type has a documented key and its CacheConfig enables caching. */
function cached(exec: Execution, planned: PlannedStep, args: Json, record: StepRecord): boolean {
  const config = planned.step.CacheConfig;
  const expire = durationMs(config?.ExpireAfter);
  const key = config?.Enabled ? cacheKeyOf(planned.step, args) : undefined;
  if (!key || expire === undefined) return false;
  record.cacheKey = key;
  const hit = exec.cache.lookup(planned.name, key, expire);
  if (!hit) return false;
  finish(exec, record, 'Succeeded', { cacheHit: hit.runId, properties: hit.properties });
  return true;
}

export async function executeStep(exec: Execution, planned: PlannedStep): Promise<void> {
  const record = exec.run.steps[planned.name] as StepRecord;
  const reused = exec.reuse.get(planned.name);
  Object.assign(record, { status: 'Executing', startedAt: new Date().toISOString() });
  if (reused) return finish(exec, record, 'Succeeded', { reusedFrom: reused.reusedFrom ?? reused.cacheHit ?? exec.run.id, properties: reused.properties ?? {}, ...(reused.outcome !== undefined ? { outcome: reused.outcome } : {}) });
  exec.changed(record);
  const dir = exec.store.stepDir(exec.run.id, planned.name);
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'log.txt');
  const log = (text: string): void => appendFileSync(logFile, text);
  try {
    const jobName = jobNameFor(exec.run.id, planned.name);
    const args = resolveValue(stepArguments(planned), scopeFor(exec, jobName));
    writeFileSync(join(dir, 'arguments.json'), `${JSON.stringify(args, null, 2)}\n`);
    if (cached(exec, planned, args, record)) return log(`smpipe: cache hit: reused the results of run ${record.cacheHit}\n`);
    const ctx: StepContext = { planned, args: (isObject(args) ? args : {}) as JsonObject, run: exec.info, jobName, dir, logFile, log, s3: exec.s3, options: exec.options, registry: exec.registry, signal: exec.signal, generatedAssets: exec.generatedAssets };
    record.jobName = jobName;
    const result = await (runnerFor(planned.type) as NonNullable<ReturnType<typeof runnerFor>>).run(ctx);
    finish(exec, record, 'Succeeded', { properties: result.properties, ...(result.outcome !== undefined ? { outcome: result.outcome } : {}) });
  } catch (error) {
    const reason = error instanceof StepFailure ? error.message : error instanceof RunError ? `${error.code}: ${error.message}` : `InternalError: ${(error as Error).message}`;
    log(`smpipe: ${reason}\n`);
    finish(exec, record, exec.signal.aborted ? 'Stopped' : 'Failed', { failureReason: exec.signal.aborted ? 'Stopped by the user' : reason });
  }
}
