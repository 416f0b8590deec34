/** The emulator's public types: what tests and the deploy side see. Keep these names stable. */

/** Which front door a request came through: our SageMaker layer, S3 (moto), or anything else (moto). */
export type Service = 'sagemaker' | 's3' | 'other';

export interface RecordedRequest {
  service: Service;
  /** SageMaker/SQS/… operation name (CreatePipeline, SendMessage) or the S3 operation derived from
   * method, path and query (PutObject, HeadObject, CreateMultipartUpload, UploadPart, …). */
  action: string;
  /** SageMaker and other JSON/query services: the parsed request body. S3: bucket, key, query,
   * content length and x-amz-meta-* metadata (bodies are streamed through, never kept). */
  params: unknown;
  /** Date.now() when the request arrived. */
  at: number;
}

export type FaultKind = 'throttle' | 'error500' | 'slow' | 'drop' | 'error';

export interface Fault {
  /** Operation to hit (as in RecordedRequest.action); every request when absent. */
  action?: string;
  /** throttle: 400 ThrottlingException (S3: 503 SlowDown), which the SDK retries.
   * error500: 500 InternalFailure (S3: InternalError), retried by the SDK as transient.
   * slow: answer normally after delayMs. drop: destroy the socket mid-request (an upload is cut
   * after half its body) without answering. error: answer with status/code/message. */
  kind: FaultKind;
  /** How many matching requests it hits (default 1; Infinity for all of them). */
  times?: number;
  /** slow: the delay (default 1000 ms). */
  delayMs?: number;
  /** error: HTTP status (default 400), error code (e.g. AccessDeniedException) and message. */
  status?: number;
  code?: string;
  message?: string;
}

/** How the emulator simulates one step, by step name, for every execution. */
export interface StepOutcome {
  status: 'Succeeded' | 'Failed';
  durationMs?: number;
  failureReason?: string;
  /** Job steps: merged into the step's properties (the Describe* shape), e.g.
   * `{ FinalMetricDataList: [{ MetricName: 'loss', Value: 0.1 }] }` or
   * `{ PropertyFiles: { evaluation: {...} } }` (read by Std:JsonGet when S3 has no such file).
   * Lambda steps: output parameter values by name. Callback steps: configuring one makes the
   * emulator answer the callback itself after durationMs, with these output parameters. */
  outputs?: Record<string, unknown>;
  /** Job steps: lines the job writes to its CloudWatch Logs stream when it starts
   * (/aws/sagemaker/TrainingJobs, …, stream `<job name>/algo-1-<epoch seconds>`), read by `smpipe logs`. */
  logs?: string[];
}

/** What SageMaker sends to a callback step's SQS queue (and the emulator to the handler). */
export interface CallbackMessage {
  token: string;
  pipelineExecutionArn: string;
  arguments: Record<string, unknown>;
  status: 'Executing' | 'Stopping';
}

export interface EmulatorOptions {
  region?: string;
  accountId?: string;
  stepDefaults?: { durationMs?: number };
  /** Port of the front server on 127.0.0.1 (default: any free port). */
  port?: number;
}
