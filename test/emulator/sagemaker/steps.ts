/** ListPipelineExecutionSteps and the callback answers (SendPipelineExecutionStepSuccess/Failure). */
import type { StepRun } from '../executor/model.js';
import { page, seconds, type Handlers, type Params, type SageMakerContext } from './context.js';
import { EXECUTION_ARN_RULE, findExecution } from './executions.js';
import { CALLBACK_TOKEN, checkEach, checkRules, SORT_ORDER, TOKEN_RULE, type Rule } from './validate.js';

const CALLBACK_RULES: Rule[] = [{ path: 'CallbackToken', required: true, min: 10, max: 10, pattern: CALLBACK_TOKEN }, TOKEN_RULE(false)];
const OUTPUT_RULES: Rule[] = [{ path: 'Name', required: true, max: 256 }, { path: 'Value', required: true, max: 1024 }];

export function stepHandlers(ctx: SageMakerContext): Handlers {
  return {
    ListPipelineExecutionSteps: async (p) => {
      checkRules(p, [EXECUTION_ARN_RULE, { path: 'SortOrder', enum: SORT_ORDER }, { path: 'MaxResults', minValue: 1 }]);
      const execution = findExecution(ctx, p);
      const runs = [...execution.runs.values()].map((run, index) => ({ run, index }));
      // Newest first by default, as the service lists them; start order breaks ties.
      const direction = p['SortOrder'] === 'Ascending' ? 1 : -1;
      runs.sort((a, b) => ((a.run.startTime - b.run.startTime) || (a.index - b.index)) * direction);
      const { items, NextToken } = page(runs.map(({ run }) => stepSummary(run)), p);
      return { PipelineExecutionSteps: items, ...(NextToken ? { NextToken } : {}) };
    },
    SendPipelineExecutionStepSuccess: async (p) => {
      checkRules(p, [...CALLBACK_RULES, { path: 'OutputParameters', max: 50 }]);
      checkEach(p['OutputParameters'], 'OutputParameters', OUTPUT_RULES);
      const outputs = ((p['OutputParameters'] as Array<{ Name: string; Value: string }> | undefined) ?? []).map(({ Name, Value }) => ({ Name, Value }));
      return ctx.idempotency.once('SendPipelineExecutionStepSuccess', p, async () =>
        ({ PipelineExecutionArn: ctx.executor.completeCallback(String(p['CallbackToken']), { ok: true, outputs }).arn }));
    },
    SendPipelineExecutionStepFailure: async (p) => {
      checkRules(p, [...CALLBACK_RULES, { path: 'FailureReason', max: 256 }]);
      const reason = typeof p['FailureReason'] === 'string' ? p['FailureReason'] : '';
      return ctx.idempotency.once('SendPipelineExecutionStepFailure', p, async () =>
        ({ PipelineExecutionArn: ctx.executor.completeCallback(String(p['CallbackToken']), { ok: false, reason }).arn }));
    },
  };
}

function stepSummary(run: StepRun): Params {
  return {
    StepName: run.name,
    ...(run.displayName !== undefined ? { StepDisplayName: run.displayName } : {}),
    ...(run.description !== undefined ? { StepDescription: run.description } : {}),
    StartTime: seconds(run.startTime),
    ...(run.endTime !== undefined ? { EndTime: seconds(run.endTime) } : {}),
    StepStatus: run.status,
    ...(run.failureReason !== undefined ? { FailureReason: run.failureReason } : {}),
    ...(Object.keys(run.metadata).length ? { Metadata: run.metadata } : {}),
    ...(run.cacheHit ? { CacheHitResult: { SourcePipelineExecutionArn: run.cacheHit } } : {}),
    ...(run.selectiveSource ? { SelectiveExecutionResult: { SourcePipelineExecutionArn: run.selectiveSource } } : {}),
    AttemptCount: run.attempt,
  };
}
