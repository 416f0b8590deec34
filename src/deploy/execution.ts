import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  type PipelineExecutionStep,
  type PipelineExecutionStepMetadata,
} from '@aws-sdk/client-sagemaker';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';

export interface StepRow {
  name: string;
  status: string;
  startTime?: Date;
  endTime?: Date;
  /** The job or resource the step made (an ARN), or what it is waiting on. */
  detail?: string;
  failureReason?: string;
  attempts?: number;
  /** CacheHitResult: the execution whose run of this step was reused. */
  cachedFrom?: string;
  /** SelectiveExecutionResult: the reference execution a step that was not selected came from. */
  reusedFrom?: string;
  /** The job the step ran (or reused), for its CloudWatch logs. */
  job?: JobRef;
}

/** A SageMaker job by kind and name: enough to find its log streams. */
export interface JobRef {
  kind: 'TrainingJob' | 'ProcessingJob' | 'TransformJob';
  name: string;
}

export interface ExecutionSnapshot {
  arn: string;
  status: string;
  displayName?: string;
  failureReason?: string;
  steps: StepRow[];
}

export const TERMINAL = new Set(['Succeeded', 'Failed', 'Stopped']);

/** DescribePipelineExecution + every page of ListPipelineExecutionSteps, steps in start order. */
export async function readExecution(clients: Pick<Clients, 'sagemaker' | 'region'>, arn: string): Promise<ExecutionSnapshot> {
  const call = { action: 'sagemaker:DescribePipelineExecution', resource: arn, region: clients.region };
  const described = await callAws(call, () => clients.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })));
  const steps = await listSteps(clients, arn);
  return {
    arn,
    status: described.PipelineExecutionStatus ?? 'Unknown',
    ...(described.PipelineExecutionDisplayName ? { displayName: described.PipelineExecutionDisplayName } : {}),
    ...(described.FailureReason ? { failureReason: described.FailureReason } : {}),
    steps: steps.map(toRow).sort(byStart),
  };
}

export async function listSteps(clients: Pick<Clients, 'sagemaker' | 'region'>, arn: string): Promise<PipelineExecutionStep[]> {
  const steps: PipelineExecutionStep[] = [];
  let token: string | undefined;
  do {
    const page = await callAws({ action: 'sagemaker:ListPipelineExecutionSteps', resource: arn, region: clients.region }, () =>
      clients.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, MaxResults: 100, ...(token ? { NextToken: token } : {}) })));
    steps.push(...(page.PipelineExecutionSteps ?? []));
    token = page.NextToken;
  } while (token);
  return steps;
}

export function toRow(step: PipelineExecutionStep): StepRow {
  const detail = stepDetail(step.Metadata);
  const job = jobOf(step.Metadata);
  return {
    name: step.StepName ?? '?',
    status: step.StepStatus ?? 'Unknown',
    ...(step.StartTime ? { startTime: new Date(step.StartTime) } : {}),
    ...(step.EndTime ? { endTime: new Date(step.EndTime) } : {}),
    ...(detail ? { detail } : {}),
    ...(step.FailureReason ? { failureReason: step.FailureReason } : {}),
    ...(step.AttemptCount && step.AttemptCount > 1 ? { attempts: step.AttemptCount } : {}),
    ...(step.CacheHitResult?.SourcePipelineExecutionArn ? { cachedFrom: step.CacheHitResult.SourcePipelineExecutionArn } : {}),
    ...(step.SelectiveExecutionResult?.SourcePipelineExecutionArn ? { reusedFrom: step.SelectiveExecutionResult.SourcePipelineExecutionArn } : {}),
    ...(job ? { job } : {}),
  };
}

const JOB_KINDS = ['TrainingJob', 'ProcessingJob', 'TransformJob'] as const;

/** The job of a training, processing or transform step, named by the last part of its ARN. */
export function jobOf(metadata: PipelineExecutionStepMetadata | undefined): JobRef | undefined {
  for (const kind of JOB_KINDS) {
    const arn = metadata?.[kind]?.Arn;
    if (arn) return { kind, name: arn.slice(arn.lastIndexOf('/') + 1) };
  }
  return undefined;
}

/** The id at the end of an execution ARN (…/execution/abc123def456). */
export function executionId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The job ARN of a job step; the outcome of a condition; the queue a callback waits on. */
export function stepDetail(metadata: PipelineExecutionStepMetadata | undefined): string | undefined {
  if (!metadata) return undefined;
  if (metadata.Condition?.Outcome) return `outcome ${metadata.Condition.Outcome}`;
  if (metadata.Callback) return `callback via ${metadata.Callback.SqsQueueUrl ?? 'SQS'}`;
  if (metadata.Fail?.ErrorMessage) return `fail: ${metadata.Fail.ErrorMessage}`;
  for (const value of Object.values(metadata)) {
    const arn = (value as { Arn?: string } | undefined)?.Arn;
    if (arn) return arn;
  }
  return undefined;
}

function byStart(a: StepRow, b: StepRow): number {
  return (a.startTime?.getTime() ?? Infinity) - (b.startTime?.getTime() ?? Infinity) || a.name.localeCompare(b.name);
}
