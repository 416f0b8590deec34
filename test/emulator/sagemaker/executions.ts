/**
 * Pipeline executions that actually run. StartPipelineExecution also goes to moto (so
 * DescribePipeline's LastRunTime, DescribePipelineDefinitionForExecution and
 * ListPipelineParametersForExecution keep working there, under moto's execution ARN), but the
 * execution's state lives here: moto marks every execution Succeeded at once.
 */
import { parseDefinition } from '../definition/parse.js';
import type { Json } from '../definition/refs.js';
import type { Execution } from '../executor/model.js';
import { bindParameters, type GivenParameter } from '../executor/parameters.js';
import { resolveValue } from '../executor/resolver.js';
import { executionScope } from '../executor/scope.js';
import { page, pipelineNameOf, seconds, type Handlers, type Params, type SageMakerContext } from './context.js';
import { copyRuns, planSelective, type SelectiveConfig } from '../executor/selective.js';
import { conflict, executionNotFound, validationError } from './errors.js';
import { describePipeline } from './pipelines.js';
import { checkEach, checkRules, EXECUTION_ARN, EXECUTION_DISPLAY_NAME, PARAMETER_NAME, PIPELINE_NAME_OR_ARN, SORT_ORDER, TOKEN_RULE, type Rule } from './validate.js';

const NAME_OR_ARN: Rule = { path: 'PipelineName', required: true, min: 1, max: 2048, pattern: PIPELINE_NAME_OR_ARN };
export const EXECUTION_ARN_RULE: Rule = { path: 'PipelineExecutionArn', required: true, max: 2048, pattern: EXECUTION_ARN };
const START_RULES: Rule[] = [
  NAME_OR_ARN, TOKEN_RULE(true),
  { path: 'PipelineExecutionDisplayName', min: 1, max: 82, pattern: EXECUTION_DISPLAY_NAME },
  { path: 'PipelineExecutionDescription', max: 3072 },
  { path: 'PipelineParameters', max: 200 },
  { path: 'ParallelismConfiguration.MaxParallelExecutionSteps', minValue: 1 },
  { path: 'PipelineVersionId', minValue: 1 },
  { path: 'SelectiveExecutionConfig.SelectedSteps', required: false, min: 1, max: 50 },
  { path: 'SelectiveExecutionConfig.SourcePipelineExecutionArn', max: 2048, pattern: EXECUTION_ARN },
];
const PARAMETER_RULES: Rule[] = [{ path: 'Name', required: true, min: 1, max: 256, pattern: PARAMETER_NAME }, { path: 'Value', required: true, max: 1024 }];
const LIST_RULES: Rule[] = [
  NAME_OR_ARN, { path: 'SortBy', enum: ['CreationTime', 'PipelineExecutionArn'] }, { path: 'SortOrder', enum: SORT_ORDER },
  { path: 'MaxResults', minValue: 1 },
];

export function executionHandlers(ctx: SageMakerContext): Handlers {
  return {
    StartPipelineExecution: async (p) => {
      checkRules(p, START_RULES);
      checkEach(p['PipelineParameters'], 'PipelineParameters', PARAMETER_RULES);
      return ctx.idempotency.once('StartPipelineExecution', p, () => start(ctx, p));
    },
    DescribePipelineExecution: async (p) => {
      checkRules(p, [EXECUTION_ARN_RULE]);
      return describe(findExecution(ctx, p));
    },
    ListPipelineExecutions: async (p) => {
      checkRules(p, LIST_RULES);
      const name = pipelineNameOf(p['PipelineName']);
      await describePipeline(ctx, name); // ResourceNotFound for a missing pipeline
      const { items, NextToken } = page(sorted(ctx.store.forPipeline(name), p).filter((e) => inWindow(e, p)), p);
      return { PipelineExecutionSummaries: items.map(summary), ...(NextToken ? { NextToken } : {}) };
    },
    RetryPipelineExecution: async (p) => {
      checkRules(p, [EXECUTION_ARN_RULE, TOKEN_RULE(true), { path: 'ParallelismConfiguration.MaxParallelExecutionSteps', minValue: 1 }]);
      return ctx.idempotency.once('RetryPipelineExecution', p, async () => {
        const execution = findExecution(ctx, p);
        // Only a failed execution has failed steps to run again; the service's rule for Stopped is not documented.
        if (execution.status !== 'Failed') throw conflict(`Pipeline execution '${execution.arn}' is ${execution.status}; only a Failed execution can be retried.`);
        const parallelism = (p['ParallelismConfiguration'] as { MaxParallelExecutionSteps?: number } | undefined)?.MaxParallelExecutionSteps;
        if (parallelism) execution.parallelism = parallelism;
        ctx.executor.retry(execution);
        return { PipelineExecutionArn: execution.arn };
      });
    },
    StopPipelineExecution: async (p) => {
      checkRules(p, [EXECUTION_ARN_RULE, TOKEN_RULE(true)]);
      return ctx.idempotency.once('StopPipelineExecution', p, async () => {
        const execution = findExecution(ctx, p);
        if (execution.status !== 'Executing' && execution.status !== 'Stopping') {
          throw conflict(`Pipeline execution '${execution.arn}' is ${execution.status}; only an Executing execution can be stopped.`);
        }
        ctx.executor.stop(execution);
        return { PipelineExecutionArn: execution.arn };
      });
    },
  };
}

async function start(ctx: SageMakerContext, p: Params): Promise<Params> {
  const name = pipelineNameOf(p['PipelineName']);
  const versionId = typeof p['PipelineVersionId'] === 'number' ? p['PipelineVersionId'] : undefined;
  const pipeline = await describePipeline(ctx, name, versionId);
  const definition = parseDefinition(String(pipeline['PipelineDefinition']));
  const parameters = bindParameters(definition.parameters, p['PipelineParameters'] as GivenParameter[] | undefined);
  const selective = p['SelectiveExecutionConfig'] as SelectiveConfig | undefined;
  const reference = selective ? referenceExecution(ctx, name, selective) : undefined;
  const plan = selective ? planSelective(definition, selective, reference) : undefined;
  const { PipelineExecutionArn: arn } = await ctx.moto.sagemaker<{ PipelineExecutionArn: string }>('StartPipelineExecution', { ...p, PipelineName: name });
  const now = Date.now();
  const parallelism = (p['ParallelismConfiguration'] ?? pipeline['ParallelismConfiguration']) as { MaxParallelExecutionSteps?: number } | undefined;
  const execution: Execution = {
    arn, id: arn.slice(arn.lastIndexOf('/') + 1), pipelineName: name, pipelineArn: String(pipeline['PipelineArn']),
    displayName: typeof p['PipelineExecutionDisplayName'] === 'string' ? p['PipelineExecutionDisplayName'] : `execution-${now}`,
    description: p['PipelineExecutionDescription'] as string | undefined,
    status: 'Executing', creationTime: now, lastModifiedTime: now, parameters, definition,
    parallelism: parallelism?.MaxParallelExecutionSteps, runs: new Map(), stopRequested: false, failed: false, waiters: [],
    versionId: versionId ?? ctx.versions.latest(name),
    ...(selective ? { selective } : {}),
  };
  if (plan) copyRuns(execution, reference as Execution, plan, now);
  execution.experimentConfig = await experimentConfig(ctx, execution);
  ctx.store.add(execution);
  ctx.executor.start(execution);
  return { PipelineExecutionArn: arn };
}

/** The reference execution of a selective execution: this pipeline's, and Failed or Succeeded. */
function referenceExecution(ctx: SageMakerContext, pipeline: string, selective: SelectiveConfig): Execution | undefined {
  if (!Array.isArray(selective.SelectedSteps)) throw validationError("1 validation error detected: Value null at 'selectiveExecutionConfig.selectedSteps' failed to satisfy constraint: Member must not be null");
  checkEach(selective.SelectedSteps, 'SelectiveExecutionConfig.SelectedSteps', [{ path: 'StepName', required: true, min: 1, max: 256 }]);
  const arn = selective.SourcePipelineExecutionArn;
  if (arn === undefined) return undefined;
  const reference = ctx.store.get(arn);
  if (!reference || reference.pipelineName !== pipeline) throw validationError(`SourcePipelineExecutionArn '${arn}' is not an execution of pipeline '${pipeline}'.`);
  if (reference.status !== 'Failed' && reference.status !== 'Succeeded') {
    throw validationError(`The reference execution '${arn}' is ${reference.status}; it must be Failed or Succeeded.`);
  }
  return reference;
}

/** PipelineExperimentConfig with its Execution.* references resolved, as Describe shows it. */
async function experimentConfig(ctx: SageMakerContext, execution: Execution): Promise<Params | undefined> {
  const config = execution.definition.raw['PipelineExperimentConfig'];
  if (config === undefined) return undefined;
  return (await resolveValue(config as Json, executionScope(execution, ctx.moto)).catch(() => undefined)) as Params | undefined;
}

export function findExecution(ctx: SageMakerContext, p: Params): Execution {
  const arn = String(p['PipelineExecutionArn']);
  const execution = ctx.store.get(arn);
  if (!execution) throw executionNotFound(arn);
  return execution;
}

function describe(e: Execution): Params {
  return {
    PipelineArn: e.pipelineArn,
    PipelineExecutionArn: e.arn,
    PipelineExecutionDisplayName: e.displayName,
    PipelineExecutionStatus: e.status,
    ...(e.description !== undefined ? { PipelineExecutionDescription: e.description } : {}),
    ...(e.experimentConfig ? { PipelineExperimentConfig: e.experimentConfig } : {}),
    ...(e.failureReason ? { FailureReason: e.failureReason } : {}),
    CreationTime: seconds(e.creationTime),
    LastModifiedTime: seconds(e.lastModifiedTime),
    CreatedBy: {},
    LastModifiedBy: {},
    ...(e.parallelism ? { ParallelismConfiguration: { MaxParallelExecutionSteps: e.parallelism } } : {}),
    ...(e.selective ? { SelectiveExecutionConfig: e.selective } : {}),
    ...(e.versionId ? { PipelineVersionId: e.versionId } : {}),
  };
}

function summary(e: Execution): Params {
  return {
    PipelineExecutionArn: e.arn,
    StartTime: seconds(e.creationTime),
    PipelineExecutionStatus: e.status,
    PipelineExecutionDisplayName: e.displayName,
    ...(e.description !== undefined ? { PipelineExecutionDescription: e.description } : {}),
    ...(e.failureReason ? { PipelineExecutionFailureReason: e.failureReason } : {}),
  };
}

/** Newest first unless asked otherwise, as the service lists them; start order breaks ties. */
function sorted(executions: Execution[], p: Params): Execution[] {
  const key = (e: Execution): string | number => (p['SortBy'] === 'PipelineExecutionArn' ? e.arn : e.creationTime);
  const direction = p['SortOrder'] === 'Ascending' ? 1 : -1;
  const order = (a: Execution, b: Execution, ia: number, ib: number): number =>
    (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : ia - ib) * direction;
  return executions.map((e, i) => ({ e, i })).sort((x, y) => order(x.e, y.e, x.i, y.i)).map((x) => x.e);
}

function inWindow(e: Execution, p: Params): boolean {
  const after = typeof p['CreatedAfter'] === 'number' ? p['CreatedAfter'] * 1000 : -Infinity;
  const before = typeof p['CreatedBefore'] === 'number' ? p['CreatedBefore'] * 1000 : Infinity;
  return e.creationTime > after && e.creationTime < before;
}
