/**
 * The CloudWatch logs of a pipeline's jobs. SageMaker writes each job's container output to its
 * type's log group, one stream per instance named `<job name>/algo-<n>-<epoch seconds>`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html); the job name is the
 * last part of the job ARN in the step's metadata (ListPipelineExecutionSteps). Steps without a
 * job (conditions, callbacks, lambdas, models) have no log here. The CloudWatch Logs SDK loads
 * only when a log is read.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { callAws } from './aws-call.js';
import { awsClientSettings, type AwsOptions } from './clients.js';
import { errorName } from './errors.js';
import type { JobRef, StepRow } from './execution.js';

export const LOG_GROUPS: Readonly<Record<JobRef['kind'], string>> = {
  TrainingJob: '/aws/sagemaker/TrainingJobs',
  ProcessingJob: '/aws/sagemaker/ProcessingJobs',
  TransformJob: '/aws/sagemaker/TransformJobs',
};

export interface LogLine {
  step: string;
  /** `algo-1`, `algo-2`: the instance, from the stream name. */
  host: string;
  timestamp: number;
  message: string;
  id: string;
}

export async function logsClient(options: AwsOptions, region: string): Promise<CloudWatchLogsClient> {
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  return new CloudWatchLogsClient({ ...awsClientSettings(options), region });
}

/** Every event of a step's job from `since` (ms, inclusive) on, oldest first; [] while the job has not logged yet. */
export async function readJobLog(client: CloudWatchLogsClient, region: string, step: StepRow, since?: number): Promise<LogLine[]> {
  if (!step.job) return [];
  const { FilterLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  const group = LOG_GROUPS[step.job.kind];
  const lines: LogLine[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await callAws({ action: 'logs:FilterLogEvents', resource: `${group} ${step.job.name}`, region }, () => client.send(new FilterLogEventsCommand({
        logGroupName: group, logStreamNamePrefix: `${step.job?.name}/`, ...(since !== undefined ? { startTime: since } : {}), ...(token ? { nextToken: token } : {}),
      })));
      for (const e of page.events ?? []) lines.push(toLine(step.name, e.logStreamName, e.timestamp, e.message, e.eventId));
      token = page.nextToken;
    } while (token);
  } catch (error) {
    if (isMissingGroup(error)) return [];
    throw error;
  }
  return lines.sort((a, b) => a.timestamp - b.timestamp);
}

/** The last `count` lines of a step's job, across its instances' streams (GetLogEvents from the end, per stream). */
export async function tailJobLog(client: CloudWatchLogsClient, region: string, step: StepRow, count: number): Promise<LogLine[]> {
  if (!step.job) return [];
  const { DescribeLogStreamsCommand, GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  const group = LOG_GROUPS[step.job.kind];
  const call = { action: 'logs:GetLogEvents', resource: `${group} ${step.job.name}`, region };
  try {
    const streams = await callAws({ ...call, action: 'logs:DescribeLogStreams' }, () => client.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: `${step.job?.name}/` })));
    const lines: LogLine[] = [];
    for (const stream of streams.logStreams ?? []) {
      const out = await callAws(call, () => client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream.logStreamName, limit: count, startFromHead: false })));
      for (const e of out.events ?? []) lines.push(toLine(step.name, stream.logStreamName, e.timestamp, e.message, `${stream.logStreamName}:${e.timestamp}:${lines.length}`));
    }
    return lines.sort((a, b) => a.timestamp - b.timestamp).slice(-count);
  } catch (error) {
    if (isMissingGroup(error)) return [];
    throw error;
  }
}

function toLine(step: string, stream: string | undefined, timestamp: number | undefined, message: string | undefined, id: string | undefined): LogLine {
  const host = /\/(algo-\d+)/.exec(stream ?? '')?.[1] ?? 'algo-1';
  return { step, host, timestamp: timestamp ?? 0, message: (message ?? '').replace(/\n$/, ''), id: id ?? `${stream}:${timestamp}` };
}

/** A job that has not written anything yet has no log group or stream: that is "no lines", not an error. */
function isMissingGroup(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return errorName(cause) === 'ResourceNotFoundException';
}

/** `[TrainDPO] message`, `[TrainDPO algo-2] message` for the other instances of a multi-instance job. */
export function formatLine(line: LogLine): string {
  return `[${line.step}${line.host === 'algo-1' ? '' : ` ${line.host}`}] ${line.message}`;
}

export interface FollowOptions {
  /** Only this step's job (logs EXECUTION STEP). */
  step?: string;
  follow: boolean;
  pollMs: number;
  onLines(lines: LogLine[]): void;
  sleep?: (ms: number) => Promise<void>;
  /** The execution's steps now (readExecution), injected so this file does not load SageMaker. */
  steps(): Promise<{ status: string; steps: StepRow[] }>;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Stopped']);

/**
 * Prints what the jobs logged; with `follow`, keeps reading new events (and the jobs of steps that
 * start later) until the execution ends, then reads once more, since CloudWatch can lag a little.
 * Events are told apart by id, so a line is never printed twice.
 */
export async function streamLogs(client: CloudWatchLogsClient, region: string, options: FollowOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const seen = new Set<string>();
  const since = new Map<string, number>();
  for (let last = false; ;) {
    const execution = await options.steps();
    const steps = execution.steps.filter((s) => s.job && (!options.step || s.name === options.step));
    const fresh: LogLine[] = [];
    for (const step of steps) {
      const key = step.job?.name as string;
      for (const line of await readJobLog(client, region, step, since.get(key))) {
        if (seen.has(line.id)) continue;
        seen.add(line.id);
        fresh.push(line);
        since.set(key, Math.max(since.get(key) ?? 0, line.timestamp));
      }
    }
    if (fresh.length) options.onLines(fresh.sort((a, b) => a.timestamp - b.timestamp));
    if (!options.follow || last) return;
    last = FINAL.has(execution.status);
    if (!last) await sleep(options.pollMs);
  }
}
