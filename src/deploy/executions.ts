import { ListPipelineExecutionsCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import { randomUUID } from 'node:crypto';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import { mapLimit } from './concurrency.js';
import { listSteps, toRow, type StepRow } from './execution.js';

export interface ExecutionSummary {
  arn: string;
  status: string;
  startTime?: Date;
  displayName?: string;
  failureReason?: string;
  /** The steps it ran or reused (set by withSteps). */
  steps?: StepRow[];
}

/** The most recent executions of a pipeline, newest first. */
export async function listExecutions(clients: Clients, pipeline: string, limit: number): Promise<ExecutionSummary[]> {
  const out = await callAws({ action: 'sagemaker:ListPipelineExecutions', resource: `pipeline ${pipeline}`, region: clients.region }, () =>
    clients.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: pipeline, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: limit })));
  return (out.PipelineExecutionSummaries ?? []).map((e) => ({
    arn: e.PipelineExecutionArn ?? '?',
    status: e.PipelineExecutionStatus ?? 'Unknown',
    ...(e.StartTime ? { startTime: new Date(e.StartTime) } : {}),
    ...(e.PipelineExecutionDisplayName ? { displayName: e.PipelineExecutionDisplayName } : {}),
    ...(e.PipelineExecutionFailureReason ? { failureReason: e.PipelineExecutionFailureReason } : {}),
  }));
}

/** StopPipelineExecution: running jobs are stopped; a waiting callback step gets a `Stopping` message. */
export async function stopExecution(clients: Clients, arn: string): Promise<void> {
  await callAws({ action: 'sagemaker:StopPipelineExecution', resource: arn, region: clients.region }, () =>
    clients.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: randomUUID() })));
}

/** Each execution with its steps (one ListPipelineExecutionSteps each, four at a time): what was reused from the cache. */
export async function withSteps(clients: Clients, executions: ExecutionSummary[]): Promise<ExecutionSummary[]> {
  return mapLimit(executions, 4, async (e) => ({ ...e, steps: (await listSteps(clients, e.arn)).map(toRow) }));
}
