/**
 * Runs executions: starts every step whose dependencies succeeded (within the parallelism
 * limit), lets its runner simulate it, and settles the execution when nothing is left to run.
 * After a failure no new step starts and running ones finish, as the service does; a stop turns
 * running jobs to Stopped and asks waiting callbacks to stop (a second message, status Stopping).
 */
import { randomBytes } from 'node:crypto';
import type { FlatStep } from '../definition/parse.js';
import type { JsonObject } from '../definition/refs.js';
import type { MotoClient } from '../moto-client.js';
import { conflict, notFound } from '../sagemaker/errors.js';
import type { StepOutcome } from '../types.js';
import type { StepCache } from './cache.js';
import type { CallbackDelivery } from './delivery.js';
import { FINAL_EXECUTION, RUNNING, type Execution, type ExecutionStatus, type ExecutionStore, type StepRun, type StepStatus } from './model.js';
import { readySteps, runningCount } from './ready.js';
import { resolveValue } from './resolver.js';
import { runnerFor, type RunContext } from './runners.js';
import { executionScope } from './scope.js';
import { jobName } from './simulate.js';

export interface ExecutorEnv {
  store: ExecutionStore;
  moto: MotoClient;
  delivery: CallbackDelivery;
  region: string;
  accountId: string;
  outcomes: Map<string, StepOutcome>;
  defaultDurationMs: number;
  cache: StepCache;
  /** Writes a job's configured log lines where CloudWatch Logs would have them. */
  writeLogs?: (stepType: string, jobName: string, lines: string[]) => Promise<void>;
}

export type CallbackAnswer = { ok: true; outputs: Array<{ Name: string; Value: string }> } | { ok: false; reason: string };

/** How long a running job takes to go from Stopping to Stopped. */
const STOP_MS = 10;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Executor {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly env: ExecutorEnv) {}

  start(execution: Execution): void {
    this.schedule(execution);
  }

  stop(execution: Execution): void {
    if (execution.stopRequested || FINAL_EXECUTION.has(execution.status)) return;
    execution.stopRequested = true;
    execution.status = 'Stopping';
    this.touch(execution);
    for (const run of execution.runs.values()) {
      if (run.status !== 'Executing') continue; // a Starting step notices the stop once its arguments resolve
      clearTimeout(run.timer);
      run.status = 'Stopping';
      if (run.callbackToken) this.deliverCallback(execution, run, 'Stopping');
      // A job stops on its own; a callback waits for its consumer's answer, unless the emulator answers it.
      if (!run.callbackToken || this.env.outcomes.has(run.name)) this.later(run, STOP_MS, () => this.settle(execution, run, 'Stopped'));
    }
    this.schedule(execution);
  }

  /** SendPipelineExecutionStepSuccess/Failure. */
  completeCallback(token: string, answer: CallbackAnswer): Execution {
    const entry = this.env.store.callbacks.get(token);
    if (!entry) throw notFound(`Callback token '${token}' does not exist.`);
    const { execution, run } = entry;
    if (!RUNNING.has(run.status)) throw conflict(`Step '${run.name}' of '${execution.arn}' is no longer waiting for a callback (status ${run.status}).`);
    this.answerCallback(execution, run, answer);
    return execution;
  }

  /**
   * RetryPipelineExecution: the steps that failed or were stopped run again (new jobs, the same
   * resolved arguments); the steps that succeeded keep their runs.
   */
  retry(execution: Execution): void {
    for (const [name, run] of execution.runs) {
      if (run.status === 'Succeeded') continue;
      (execution.priorAttempts ??= new Map()).set(name, run.attempt);
      if (run.callbackToken) this.env.store.callbacks.delete(run.callbackToken);
      execution.runs.delete(name);
    }
    Object.assign(execution, { status: 'Executing', failed: false, stopRequested: false, failMessage: undefined, failureReason: undefined });
    this.touch(execution);
    this.schedule(execution);
  }

  waitFor(execution: Execution, timeoutMs: number): Promise<ExecutionStatus> {
    if (FINAL_EXECUTION.has(execution.status)) return Promise.resolve(execution.status);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`execution ${execution.arn} is still ${execution.status} after ${timeoutMs} ms`)), timeoutMs);
      execution.waiters.push((status) => { clearTimeout(timer); resolve(status); });
    });
  }

  shutdown(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(execution: Execution): void {
    if (FINAL_EXECUTION.has(execution.status) || this.closed) return;
    if (!execution.stopRequested && !execution.failed) {
      for (const step of readySteps(execution)) {
        if (execution.parallelism && runningCount(execution) >= execution.parallelism) break;
        this.launch(execution, step);
      }
    }
    if (runningCount(execution) === 0) this.finish(execution);
  }

  private launch(execution: Execution, step: FlatStep): void {
    const attempt = (execution.priorAttempts?.get(step.name) ?? 0) + 1;
    const run: StepRun = { name: step.name, type: step.type, status: 'Starting', startTime: Date.now(), metadata: {}, properties: {}, attempt };
    if (typeof step.raw['DisplayName'] === 'string') run.displayName = step.raw['DisplayName'];
    if (typeof step.raw['Description'] === 'string') run.description = step.raw['Description'];
    execution.runs.set(step.name, run);
    this.touch(execution);
    this.runStep(execution, step, run).catch((error: unknown) =>
      this.settle(execution, run, 'Failed', error instanceof Error ? error.message : String(error)));
  }

  private async runStep(execution: Execution, step: FlatStep, run: StepRun): Promise<void> {
    const name = jobName(step.name, execution.id);
    const scope = executionScope(execution, this.env.moto, { type: step.type, name });
    const raw = (step.raw['Arguments'] ?? {}) as JsonObject;
    // A condition's IfSteps/ElseSteps are steps of their own, resolved when they run.
    const args = (await resolveValue(step.type === 'Condition' ? { Conditions: raw['Conditions'] ?? [] } : raw, scope)) as JsonObject;
    if (this.closed || run.status !== 'Starting') return;
    if (execution.stopRequested) return this.settle(execution, run, 'Stopped');
    run.status = 'Executing';
    run.arguments = args;
    if (this.reuseFromCache(execution, step, run, args)) return;
    const logs = this.env.outcomes.get(step.name)?.logs;
    if (logs?.length && this.env.writeLogs) await this.env.writeLogs(step.type, name, logs);
    if (this.closed || run.status !== 'Executing') return;
    runnerFor(step.type)(this.context(execution, step, run, args, name));
  }

  /** A cache hit ends the step at once with the earlier run's properties and metadata. */
  private reuseFromCache(execution: Execution, step: FlatStep, run: StepRun, args: JsonObject): boolean {
    const key = this.env.cache.keyOf(step, args);
    if (key === undefined) return false;
    run.cacheKey = key;
    const hit = this.env.cache.lookup(execution.pipelineName, step, key, Date.now());
    if (!hit) return false;
    Object.assign(run, { properties: hit.properties, metadata: hit.metadata, cacheHit: hit.executionArn });
    this.settle(execution, run, 'Succeeded');
    return true;
  }

  private context(execution: Execution, step: FlatStep, run: StepRun, args: JsonObject, name: string): RunContext {
    const outcome = this.env.outcomes.get(step.name);
    return {
      execution, step, run, args, outcome, jobName: name,
      ids: { region: this.env.region, accountId: this.env.accountId, executionId: execution.id },
      durationMs: outcome?.durationMs ?? this.env.defaultDurationMs,
      settle: (status, reason) => this.settle(execution, run, status, reason),
      later: (ms, fn) => this.later(run, ms, fn),
      awaitCallback: () => this.awaitCallback(execution, step, run, outcome),
    };
  }

  private awaitCallback(execution: Execution, step: FlatStep, run: StepRun, outcome: StepOutcome | undefined): void {
    const token = Array.from(randomBytes(10), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
    run.callbackToken = token;
    run.metadata = { Callback: { CallbackToken: token, SqsQueueUrl: step.raw['SqsQueueUrl'] } };
    this.env.store.callbacks.set(token, { execution, run });
    this.deliverCallback(execution, run, 'Executing');
    if (!outcome) return;
    // A configured callback step answers itself, so demos run without a consumer.
    this.later(run, outcome.durationMs ?? this.env.defaultDurationMs, () => this.answerCallback(execution, run, outcome.status === 'Failed'
      ? { ok: false, reason: outcome.failureReason ?? `Step '${step.name}' failed (simulated).` }
      : { ok: true, outputs: Object.entries(outcome.outputs ?? {}).map(([Name, v]) => ({ Name, Value: String(v) })) }));
  }

  private deliverCallback(execution: Execution, run: StepRun, status: 'Executing' | 'Stopping'): void {
    const queueUrl = (run.metadata['Callback'] as { SqsQueueUrl?: unknown } | undefined)?.SqsQueueUrl;
    const message = { token: run.callbackToken!, pipelineExecutionArn: execution.arn, arguments: run.arguments ?? {}, status };
    this.env.delivery.deliver(message, typeof queueUrl === 'string' ? queueUrl : undefined);
  }

  /** Once stopping, any answer ends the step as Stopped (the consumer has cleaned up). */
  private answerCallback(execution: Execution, run: StepRun, answer: CallbackAnswer): void {
    if (run.status === 'Stopping') return this.settle(execution, run, 'Stopped');
    if (!answer.ok) return this.settle(execution, run, 'Failed', answer.reason);
    const callback = run.metadata['Callback'] as Record<string, unknown>;
    callback['OutputParameters'] = answer.outputs;
    run.properties = { OutputParameters: Object.fromEntries(answer.outputs.map((o) => [o.Name, o.Value])) };
    this.settle(execution, run, 'Succeeded');
  }

  private settle(execution: Execution, run: StepRun, status: StepStatus, reason?: string): void {
    if (!RUNNING.has(run.status) || this.closed) return;
    clearTimeout(run.timer);
    run.status = status;
    run.endTime = Date.now();
    if (status === 'Failed') {
      run.failureReason = reason ?? 'Step failed.';
      execution.failed = true;
    }
    if (status === 'Succeeded' && run.cacheKey !== undefined && run.cacheHit === undefined) {
      this.env.cache.record(execution.pipelineName, run.name, run.cacheKey, { executionArn: execution.arn, endTime: run.endTime ?? Date.now(), properties: run.properties, metadata: run.metadata });
    }
    this.touch(execution);
    this.schedule(execution);
  }

  private finish(execution: Execution): void {
    execution.status = execution.stopRequested ? 'Stopped' : execution.failed ? 'Failed' : 'Succeeded';
    if (execution.status === 'Failed') execution.failureReason = execution.failMessage ?? 'Step failure: One or multiple steps failed.';
    this.touch(execution);
    for (const waiter of execution.waiters.splice(0)) waiter(execution.status);
  }

  private later(run: StepRun, ms: number, fn: () => void): void {
    const timer = setTimeout(() => { this.timers.delete(timer); if (!this.closed) fn(); }, ms);
    this.timers.add(timer);
    run.timer = timer;
  }

  private touch(execution: Execution): void {
    execution.lastModifiedTime = Date.now();
  }
}
