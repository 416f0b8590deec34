import { AddTagsCommand } from '@aws-sdk/client-sagemaker';
import { errorMessage } from './aws-errors.js';
import type { Clients } from './clients.js';

/**
 * Tags the bridge reads and writes on labeling jobs. The callback token rides on the job so
 * the completion handler, woken by an EventBridge event that names only the job, knows whom to
 * answer; `reported` marks a job already answered, so the sweep does not answer it twice.
 */
export const STEP_TAG = 'smpipe:step';
export const TOKEN_TAG = 'smpipe:callback-token';
export const EXECUTION_TAG = 'smpipe:pipeline-execution';
export const REPORTED_TAG = 'smpipe:reported';

export interface Tag {
  Key: string;
  Value: string;
}

export function tagValue(tags: readonly { Key?: string; Value?: string }[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

/**
 * Marks a job as answered. Best effort: without the mark the sweep answers the job again, with
 * the same ClientRequestToken, which the pipeline treats as the same request. So a failed
 * AddTags is logged, never a reason to fail the invocation (and answer twice for real).
 */
export async function markReported(clients: Clients, jobArn: string | undefined, value: string): Promise<void> {
  if (!jobArn) return;
  try {
    await clients.sagemaker.send(new AddTagsCommand({ ResourceArn: jobArn, Tags: [{ Key: REPORTED_TAG, Value: value }] }));
  } catch (error) {
    clients.log.warn('could not tag the labeling job as answered', { job: jobArn, error: errorMessage(error) });
  }
}
