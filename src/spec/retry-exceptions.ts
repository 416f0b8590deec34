/**
 * The exception types a RetryPolicy may name ("Retry policy for pipeline steps", SageMaker
 * developer guide: https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-retry-policy.html).
 * Every step type that accepts retries takes the step-level ones; only steps that run a
 * SageMaker job take the job-level ones.
 */
export const STEP_EXCEPTIONS = ['Step.SERVICE_FAULT', 'Step.THROTTLING'] as const;
export const JOB_EXCEPTIONS = ['SageMaker.JOB_INTERNAL_ERROR', 'SageMaker.CAPACITY_ERROR', 'SageMaker.RESOURCE_LIMIT'] as const;

/** What a step that runs a SageMaker job (processing, training) accepts: all of them. */
export const RETRY_EXCEPTIONS = [...STEP_EXCEPTIONS, ...JOB_EXCEPTIONS] as const;

export type RetryException = (typeof RETRY_EXCEPTIONS)[number];
