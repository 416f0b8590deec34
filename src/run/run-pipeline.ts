/**
 * A local execution of a compiled folder, start to end: parameters bound, the manifest's assets
 * placed in the local S3, every check that can run before a step does (preflight.ts), --from's
 * reuse worked out, then the scheduler; the cache learns from the run only when it succeeded.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../assets/hash.js';
import { StepCache } from './cache.js';
import { flattenSteps, parameterDefs, type PlannedStep } from './definition.js';
import { requireDockerEngine } from './docker.js';
import { RunError } from './errors.js';
import type { Execution } from './execution.js';
import type { CompiledFolder } from './folder.js';
import { buildGraph, downstreamOf, findCycle, upstreamOf, type StepGraph } from './graph.js';
import { LocalS3 } from './local-s3.js';
import type { RunOptions } from './options.js';
import { bindParameters } from './parameters.js';
import { missingInputs, preflightProblems } from './preflight.js';
import { LocalRegistry } from './registry.js';
import { hasCredentials } from './remote-s3.js';
import { cacheEntries, concludeRun, schedule } from './scheduler.js';
import { newRunId, RunStore, type RunRecord, type StepRecord } from './state.js';
import type { PreflightProblem, RunInfo } from './steps/types.js';
import type { RunView } from './view.js';

/** Problems found before anything ran; printed with their definition.json positions. */
export class PreflightError extends Error {
  constructor(readonly problems: PreflightProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

export interface RunRequest {
  folder: CompiledFolder;
  options: RunOptions;
  view: RunView;
  signal: AbortSignal;
}

function placeAssets(folder: CompiledFolder, s3: LocalS3): void {
  for (const [uri, { path: file }] of folder.assetsByS3Uri) {
    const dest = s3.pathOf(uri);
    if (!existsSync(dest) || statSync(dest).size !== statSync(file).size) s3.putFile(file, uri);
  }
}

function runInfo(folder: CompiledFolder, id: string): RunInfo {
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(folder.manifest.role ?? '')?.[1] ?? '111122223333';
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(folder.definitionText)?.[1] ?? 'us-east-1';
  const pipeline = folder.manifest.pipeline;
  const pipelineArn = `arn:aws:sagemaker:${region}:${account}:pipeline/${pipeline.toLowerCase()}`;
  return { id, arn: `${pipelineArn}/execution/${id}`, pipeline, pipelineArn, region, account, startedAt: new Date().toISOString() };
}

/** --from STEP: the steps taken from the latest run (all but STEP, what follows it, and conditions). */
function reusedSteps(graph: StepGraph, store: RunStore, pipeline: string, from: string): Map<string, StepRecord> {
  const step = graph.steps.get(from);
  if (!step) throw new RunError('SMP9506', `--from ${from}: no step of that name`, { hint: `steps: ${[...graph.steps.keys()].join(', ')}`, exitCode: 2 });
  const previous = store.latest(pipeline);
  if (!previous) throw new RunError('SMP9507', `--from ${from}: no earlier local run of ${pipeline} to reuse`, { hint: 'run the whole pipeline once first', exitCode: 2 });
  const rerun = downstreamOf(graph, from);
  const reuse = new Map<string, StepRecord>();
  for (const name of graph.steps.keys()) {
    const record = previous.steps[name];
    if (rerun.has(name) || graph.steps.get(name)?.type === 'Condition') continue;
    if (record?.status === 'Succeeded') reuse.set(name, { ...record, reusedFrom: record.reusedFrom ?? previous.id });
  }
  const missing = [...upstreamOf(graph, from)].filter((name) => !reuse.has(name) && graph.steps.get(name)?.type !== 'Condition');
  if (missing.length) throw new RunError('SMP9507', `--from ${from}: ${missing.join(', ')} did not succeed in run ${previous.id}, so there is nothing to reuse`, { hint: 'run from an earlier step', exitCode: 2 });
  return reuse;
}

async function checkBeforeRunning(graph: StepGraph, folder: CompiledFolder, options: RunOptions, s3: LocalS3): Promise<void> {
  const problems = preflightProblems(graph, parameterDefs(folder.definition), options);
  const missing = missingInputs(graph, s3);
  if (missing.length && !(await hasCredentials())) {
    for (const input of missing) {
      problems.push({ code: 'SMP9503', pointer: input.pointer, message: `step ${input.step}: ${input.uri} is not on this machine (${s3.pathOf(input.uri)}) and no AWS credentials were found to fetch it`, hint: 'copy it there, or configure AWS credentials' });
    }
  }
  if (problems.length) throw new PreflightError(problems);
  if (options.backend === 'docker') requireDockerEngine();
}

export async function runPipeline(request: RunRequest): Promise<RunRecord> {
  const { folder, options } = request;
  const planned: PlannedStep[] = flattenSteps(folder.definition);
  const graph = buildGraph(planned);
  const cycle = findCycle(graph);
  if (cycle) throw new RunError('SMP9501', `the steps wait for each other: ${cycle.join(' -> ')}`);
  const parameters = bindParameters(folder.definition, folder.manifest, parameterDefs(folder.definition), options.params);
  const s3 = new LocalS3(join(options.localDir, 's3'));
  placeAssets(folder, s3);
  const store = new RunStore(options.localDir);
  const reuse = options.from ? reusedSteps(graph, store, folder.manifest.pipeline, options.from) : new Map<string, StepRecord>();
  await checkBeforeRunning(graph, folder, options, s3);
  const id = newRunId();
  const info = runInfo(folder, id);
  const steps = Object.fromEntries(planned.map((p): [string, StepRecord] => [p.name, { name: p.name, type: p.type, status: 'Pending' }]));
  const run: RunRecord = { id, pipeline: info.pipeline, arn: info.arn, status: 'Executing', startedAt: info.startedAt, parameters, definitionSha256: sha256Hex(folder.definitionText), steps };
  const exec: Execution = {
    run, info, graph, options, store, s3, parameters, reuse,
    cache: new StepCache(options.localDir, info.pipeline),
    registry: new LocalRegistry(options.localDir),
    signal: request.signal,
    generatedAssets: new Set(folder.manifest.assets.filter((a) => a.source === 'generated').map((a) => a.s3Uri)),
    changed: (step) => {
      store.save(run);
      request.view.changed(run, step);
    },
  };
  exec.changed();
  await schedule(exec, folder.manifest.parallelism ?? Number.POSITIVE_INFINITY);
  concludeRun(exec);
  exec.cache.commit(cacheEntries(exec));
  request.view.close(run);
  return run;
}
