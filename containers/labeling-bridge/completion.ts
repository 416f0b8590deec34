import { DescribeLabelingJobCommand, ListLabelingJobsCommand, SendPipelineExecutionStepSuccessCommand, type DescribeLabelingJobResponse, type LabelingJobStatus } from '@aws-sdk/client-sagemaker';
import { errorMessage, isRetryable } from './aws-errors.js';
import { reportFailure, requestToken } from './callback.js';
import type { Clients } from './clients.js';
import { JOB_PREFIX } from './job-name.js';
import type { EventBridgeEvent } from './lambda-types.js';
import { markReported, REPORTED_TAG, tagValue, TOKEN_TAG } from './tags.js';

/**
 * Answers the pipeline when a labeling job ends. Two ways in, one way out (reportJob):
 * - the job's EventBridge event "SageMaker Ground Truth Labeling Job State Change"
 *   ({"resources": [job ARN], "detail": {"LabelingJobStatus": "Completed" | "Failed" | "Stopped"}});
 * - a scheduled sweep over recently finished smp-* jobs, for an event that was lost or whose
 *   handler failed every retry.
 * DescribeLabelingJob is the truth either way (an event may be late or repeated); the job's
 * tags say whom to answer (the callback token) and whether that was done already.
 */
export const EVENT_DETAIL_TYPE = 'SageMaker Ground Truth Labeling Job State Change';
const TERMINAL: readonly LabelingJobStatus[] = ['Completed', 'Failed', 'Stopped'];

/** How far back the sweep looks: long enough to cover a failing bridge fixed within days. */
const SWEEP_WINDOW_HOURS = 72;

export type Outcome = 'reported' | 'already-reported' | 'not-finished' | 'not-ours' | 'rejected';

export function createEventHandler(clients: Clients) {
  return async (event: EventBridgeEvent): Promise<Outcome | 'ignored'> => {
    const arn = event.resources?.[0];
    if (event['detail-type'] !== EVENT_DETAIL_TYPE || !arn?.includes(':labeling-job/')) {
      clients.log.warn('not a labeling job state change; ignored', { detailType: event['detail-type'] });
      return 'ignored';
    }
    // A failure here throws: EventBridge retries the invocation, and the sweep comes after.
    return reportJob(clients, arn.slice(arn.indexOf(':labeling-job/') + ':labeling-job/'.length));
  };
}

export function createSweepHandler(clients: Clients) {
  return async (): Promise<Record<string, Outcome>> => {
    const after = new Date(clients.now().getTime() - SWEEP_WINDOW_HOURS * 3600_000);
    const results: Record<string, Outcome> = {};
    for (const status of TERMINAL) {
      for (const name of await listJobs(clients, status, after)) {
        try {
          results[name] = await reportJob(clients, name);
        } catch (error) {
          // One job's trouble must not stop the others; the next sweep tries it again.
          clients.log.warn('sweep could not answer a job', { job: name, error: errorMessage(error) });
        }
      }
    }
    return results;
  };
}

async function listJobs(clients: Clients, status: LabelingJobStatus, after: Date): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.sagemaker.send(new ListLabelingJobsCommand({ StatusEquals: status, NameContains: JOB_PREFIX, LastModifiedTimeAfter: after, MaxResults: 100, NextToken }));
    for (const job of page.LabelingJobSummaryList ?? []) if (job.LabelingJobName?.startsWith(JOB_PREFIX)) names.push(job.LabelingJobName);
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

/** Answers the callback of one finished job, once. */
export async function reportJob(clients: Clients, name: string): Promise<Outcome> {
  const job = await clients.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));
  const status = job.LabelingJobStatus;
  if (!status || !TERMINAL.includes(status)) return 'not-finished';
  const token = tagValue(job.Tags, TOKEN_TAG);
  if (!token) return 'not-ours';
  if (tagValue(job.Tags, REPORTED_TAG)) return 'already-reported';
  let outcome: Outcome = 'reported';
  try {
    await answer(clients, token, job);
    clients.log.info('callback answered', { job: name, status });
  } catch (error) {
    if (isRetryable(error)) throw error;
    // The token expired or the step was answered already (the execution was stopped): nobody is
    // waiting any more. Marked all the same, or the sweep would try forever.
    clients.log.warn('the pipeline rejected the answer', { job: name, error: errorMessage(error) });
    outcome = 'rejected';
  }
  await markReported(clients, job.LabelingJobArn, outcome === 'rejected' ? 'rejected' : status.toLowerCase());
  return outcome;
}

async function answer(clients: Clients, token: string, job: DescribeLabelingJobResponse): Promise<void> {
  const name = job.LabelingJobName as string;
  if (job.LabelingJobStatus === 'Completed') {
    const manifest = job.LabelingJobOutput?.OutputDatasetS3Uri;
    if (manifest) return reportSuccess(clients, token, { OutputManifestUri: manifest, LabelingJobArn: job.LabelingJobArn as string });
    return reportFailure(clients, token, `labeling job ${name} completed without an output manifest`);
  }
  if (job.LabelingJobStatus === 'Failed') return reportFailure(clients, token, `labeling job ${name} failed: ${job.FailureReason ?? 'no reason given'}`);
  return reportFailure(clients, token, `labeling job ${name} was stopped`);
}

export interface JobOutputs {
  OutputManifestUri: string;
  LabelingJobArn: string;
}

/** The step's output parameters: what ${steps.S.outputs.OutputManifestUri} reads downstream. */
async function reportSuccess(clients: Clients, token: string, outputs: JobOutputs): Promise<void> {
  await clients.sagemaker.send(new SendPipelineExecutionStepSuccessCommand({
    CallbackToken: token,
    ClientRequestToken: requestToken(token, 'success'),
    OutputParameters: Object.entries(outputs).map(([Name, Value]) => ({ Name, Value })),
  }));
}
