import { STEP_TAG } from './tags.js';

/**
 * The labeling job's name: `smp-<step>-<execution id>-<callback token>`, within the API's
 * LabelingJobName rules (1-63 characters, ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}).
 *
 * Deterministic, so an SQS redelivery of the same message names the same job and CreateLabelingJob
 * answers ResourceInUse instead of starting a second one. The token makes it unique per callback:
 * a retried execution (RetryPipelineExecution) sends the same step a new token and gets a new job
 * instead of finding the failed one. The `smp-` prefix narrows the safety-net sweep's listing.
 * All lower case: SageMaker writes the name lower-cased into the job's ARN, which is all an
 * EventBridge event carries, so the name read back from the ARN must be the name itself.
 */
export const JOB_PREFIX = 'smp-';

export function labelingJobName(executionArn: string, step: string, token: string): string {
  const executionId = executionArn.slice(executionArn.lastIndexOf('/') + 1);
  return `${JOB_PREFIX}${slug(step, 24, 'step')}-${slug(executionId, 16, 'execution')}-${slug(token, 20, 'token')}`.toLowerCase();
}

/** Letters and digits, other runs become one "-", no "-" at either end; `fallback` when nothing is left. */
function slug(text: string, max: number, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9]+/g, '-').slice(0, max).replace(/^-+|-+$/g, '');
  return cleaned || fallback;
}

/** The part of a job name that identifies its callback (see labelingJobName). */
export function tokenPart(token: string): string {
  return slug(token, 20, 'token').toLowerCase();
}

/** The step name the compiler put in the request's tags (the message itself does not carry it). */
export function stepOf(args: Record<string, unknown>): string {
  const tags = Array.isArray(args.Tags) ? (args.Tags as { Key?: unknown; Value?: unknown }[]) : [];
  const tag = tags.find((t) => t && t.Key === STEP_TAG);
  return typeof tag?.Value === 'string' ? tag.Value : 'step';
}
