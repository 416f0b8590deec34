/**
 * `smpipe start --from STEP`: a selective execution (StartPipelineExecution's
 * SelectiveExecutionConfig) that runs STEP and everything downstream of it, and reuses what they
 * read from a reference execution. The service runs no step that is not selected, downstream ones
 * included, and wants "all step(s) in all path(s) between two selected steps"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-selective-ex.html,
 * API_SelectiveExecutionConfig): the downstream closure is exactly that. A step inside a condition
 * branch runs only when its condition chooses the branch, so the condition is selected with it.
 */
import { DescribePipelineExecutionCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-sagemaker';
import type { Json } from '../expr/types.js';
import { valueRefs } from '../check/value-refs.js';
import { closest } from '../util/suggest.js';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import { DeployError } from './errors.js';
import { flattenSteps } from './step-diff.js';

/** SelectiveExecutionConfig.SelectedSteps holds at most 50 (API reference). */
export const MAX_SELECTED = 50;

/** Who needs whom: each step's parents (the steps it reads or names in DependsOn, its branch's condition). */
export function stepParents(definition: Json): Map<string, Set<string>> {
  const steps = flattenSteps(definition);
  const parents = new Map(steps.map((s) => [s.name, new Set<string>()]));
  for (const step of steps) {
    const own = parents.get(step.name) as Set<string>;
    const body = step.type === 'Condition' ? { Conditions: (step.body.Arguments as Record<string, Json> | undefined)?.Conditions ?? null } : step.body;
    for (const ref of valueRefs(body as Json)) if (ref.step && parents.has(ref.step)) own.add(ref.step);
    for (const dep of (step.body.DependsOn as string[] | undefined) ?? []) own.add(dep);
    if (step.location) parents.get(step.name)?.add(step.location.slice(0, step.location.lastIndexOf('.')));
  }
  return parents;
}

/** The steps `--from` selects, in definition order; SMP9035 for an unknown step or more than 50. */
export function selectFrom(definition: Json, from: readonly string[]): string[] {
  const parents = stepParents(definition);
  const names = [...parents.keys()];
  for (const step of from) {
    if (!parents.has(step)) {
      const near = closest(step, names);
      throw new DeployError('SMP9035', `--from ${step}: the pipeline has no step ${step}${near ? ` (did you mean ${near}?)` : ''}`, `steps: ${names.join(', ')}`);
    }
  }
  const selected = new Set(from);
  for (let grew = true; grew;) {
    grew = false;
    for (const [step, needs] of parents) {
      if (selected.has(step)) continue;
      if ([...needs].some((p) => selected.has(p))) {
        selected.add(step);
        grew = true;
      }
    }
  }
  addConditions(definition, selected);
  if (selected.size > MAX_SELECTED) throw new DeployError('SMP9035', `--from selects ${selected.size} steps; a selective execution runs at most ${MAX_SELECTED}`, 'start from a later step, or start a whole execution');
  return names.filter((n) => selected.has(n));
}

/** The condition (and its conditions) of every selected branch step. */
function addConditions(definition: Json, selected: Set<string>): void {
  const location = new Map(flattenSteps(definition).map((s) => [s.name, s.location]));
  for (const step of [...selected]) {
    for (let at = location.get(step); at; at = location.get(at.slice(0, at.lastIndexOf('.')))) selected.add(at.slice(0, at.lastIndexOf('.')));
  }
}

/**
 * The reference execution: `--reference` (an ARN, or the id at its end) after checking it is this
 * pipeline's and Failed or Succeeded, else the latest Succeeded one (SMP9037 when none).
 */
export async function referenceExecution(clients: Clients, pipeline: string, given: string | undefined): Promise<string> {
  if (given === undefined) return latestSucceeded(clients, pipeline);
  const arn = given.startsWith('arn:') ? given : await findById(clients, pipeline, given);
  if (!arn.includes(`:pipeline/${pipeline}/execution/`)) throw new DeployError('SMP9037', `--reference ${given} is an execution of another pipeline, not of ${pipeline}`, `list this pipeline's executions with smpipe executions ${pipeline}`);
  const call = { action: 'sagemaker:DescribePipelineExecution', resource: arn, region: clients.region };
  const described = await callAws(call, () => clients.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })));
  const status = described.PipelineExecutionStatus ?? 'Unknown';
  if (status !== 'Succeeded' && status !== 'Failed') {
    throw new DeployError('SMP9037', `--reference ${given} is ${status}; a selective execution reuses steps of a Succeeded or Failed execution`, 'wait for it to end (smpipe watch), or pick another one (smpipe executions)');
  }
  return arn;
}

async function latestSucceeded(clients: Clients, pipeline: string): Promise<string> {
  const found = await scanExecutions(clients, pipeline, (e) => e.PipelineExecutionStatus === 'Succeeded');
  if (found) return found;
  throw new DeployError('SMP9037', `pipeline ${pipeline} has no succeeded execution to reuse steps from`, 'pass --reference EXECUTION_ARN (a Failed execution works too: its succeeded steps are reused)');
}

async function findById(clients: Clients, pipeline: string, id: string): Promise<string> {
  const found = await scanExecutions(clients, pipeline, (e) => (e.PipelineExecutionArn ?? '').endsWith(`/execution/${id}`));
  if (found) return found;
  throw new DeployError('SMP9037', `pipeline ${pipeline} has no execution ${id}`, `list them with smpipe executions ${pipeline}`);
}

/** Newest first, up to 10 pages of 100: the first execution `match` accepts. */
async function scanExecutions(clients: Clients, pipeline: string, match: (e: { PipelineExecutionArn?: string; PipelineExecutionStatus?: string }) => boolean): Promise<string | undefined> {
  let token: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const out = await callAws({ action: 'sagemaker:ListPipelineExecutions', resource: `pipeline ${pipeline}`, region: clients.region }, () =>
      clients.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: pipeline, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100, ...(token ? { NextToken: token } : {}) })));
    const hit = (out.PipelineExecutionSummaries ?? []).find(match);
    if (hit?.PipelineExecutionArn) return hit.PipelineExecutionArn;
    token = out.NextToken;
    if (!token) return undefined;
  }
  return undefined;
}
