/**
 * Which AWS errors a retry can fix. The bridge answers the pipeline at once for the others
 * (a bad request will not get better), and leaves the rest to SQS redelivery or the next
 * EventBridge retry / sweep.
 */
interface AwsError {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'ServiceUnavailable', 'InternalFailure', 'InternalServerError', 'RequestTimeout', 'RequestTimeoutException',
]);

export function errorName(error: unknown): string {
  return (error as AwsError | undefined)?.name ?? 'Error';
}

export function errorMessage(error: unknown): string {
  const e = error as AwsError | undefined;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

/**
 * JavaScript's own errors: a value the SDK could not serialise, or a bug. The same message
 * would fail the same way every time, so retrying only delays the answer (and ends in the DLQ).
 */
const PROGRAM_ERRORS = new Set(['TypeError', 'RangeError', 'SyntaxError', 'URIError', 'ReferenceError', 'EvalError']);

/** Throttling, server faults and network trouble: try again later. */
export function isRetryable(error: unknown): boolean {
  const e = error as AwsError | undefined;
  if (!e || typeof e !== 'object') return true;
  if (e.$metadata?.httpStatusCode === undefined && PROGRAM_ERRORS.has(e.name ?? '')) return false;
  if (RETRYABLE_NAMES.has(e.name ?? '') || e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  // No HTTP status: the request never got an answer (socket reset, DNS, timeout).
  return e.$fault !== 'client';
}

/** SageMaker's "already exists" for CreateLabelingJob. */
export function isResourceInUse(error: unknown): boolean {
  return errorName(error) === 'ResourceInUse';
}

export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  return name === 'ResourceNotFound' || name === 'NotFound' || name === 'NoSuchKey' || (error as AwsError)?.$metadata?.httpStatusCode === 404;
}
