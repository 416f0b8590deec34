/**
 * What each step type does once its arguments are resolved. Jobs take their configured time and
 * outcome; conditions decide a branch; Fail fails; Lambda returns output parameters; a callback
 * waits for SendPipelineExecutionStepSuccess/Failure (see Executor.awaitCallback).
 */
import type { FlatStep } from '../definition/parse.js';
import type { Json, JsonObject } from '../definition/refs.js';
import type { StepOutcome } from '../types.js';
import { evaluateConditions } from './conditions.js';
import type { Execution, StepRun, StepStatus } from './model.js';
import { render } from './resolver.js';
import { lambdaOutputs, simulateJob, type JobIds } from './simulate.js';

export interface RunContext {
  execution: Execution;
  step: FlatStep;
  run: StepRun;
  args: JsonObject;
  outcome: StepOutcome | undefined;
  jobName: string;
  ids: JobIds;
  /** The configured duration, else the emulator's default. */
  durationMs: number;
  settle(status: StepStatus, reason?: string): void;
  /** Runs fn after ms unless the emulator stopped; the timer is kept on the run so stop can cancel it. */
  later(ms: number, fn: () => void): void;
  awaitCallback(): void;
}

export type Runner = (ctx: RunContext) => void;

/** Ends the step with its configured outcome (Succeeded by default) after `ms`. */
function finishAfter(ctx: RunContext, ms: number): void {
  ctx.later(ms, () => {
    if (ctx.outcome?.status === 'Failed') ctx.settle('Failed', ctx.outcome.failureReason ?? `Step '${ctx.step.name}' failed (simulated).`);
    else ctx.settle('Succeeded');
  });
}

const condition: Runner = (ctx) => {
  const outcome = evaluateConditions((ctx.args['Conditions'] as Json[] | undefined) ?? []);
  ctx.run.properties = { Outcome: outcome };
  ctx.run.metadata = { Condition: { Outcome: outcome ? 'True' : 'False' } };
  finishAfter(ctx, ctx.outcome?.durationMs ?? 0);
};

const fail: Runner = (ctx) => {
  const message = ctx.args['ErrorMessage'] === undefined ? '' : render(ctx.args['ErrorMessage']);
  ctx.run.metadata = { Fail: { ErrorMessage: message } };
  ctx.execution.failMessage ??= message;
  ctx.settle('Failed', message);
};

const lambda: Runner = (ctx) => {
  const outputs = lambdaOutputs(ctx.step, ctx.outcome?.outputs);
  const functionArn = ctx.step.raw['FunctionArn'];
  ctx.run.metadata = { Lambda: { Arn: typeof functionArn === 'string' ? functionArn : '', OutputParameters: outputs } };
  ctx.run.properties = { OutputParameters: Object.fromEntries(outputs.map((o) => [o.Name, o.Value])) };
  finishAfter(ctx, ctx.durationMs);
};

const job: Runner = (ctx) => {
  const { metadata, properties } = simulateJob(ctx.step, ctx.args, ctx.jobName, ctx.ids, ctx.outcome?.outputs);
  ctx.run.metadata = metadata;
  ctx.run.properties = properties;
  finishAfter(ctx, ctx.durationMs);
};

const RUNNERS: Record<string, Runner> = { Condition: condition, Fail: fail, Lambda: lambda, Callback: (ctx) => ctx.awaitCallback() };

export function runnerFor(type: string): Runner {
  return RUNNERS[type] ?? job;
}
