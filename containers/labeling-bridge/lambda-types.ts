/** The slices of the Lambda event shapes the bridge reads (no @types/aws-lambda dependency). */

export interface SqsRecord {
  messageId: string;
  body: string;
  /** ApproximateReceiveCount and the like, as strings. */
  attributes?: Record<string, string>;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** SQS partial batch response: only the listed messages return to the queue (ReportBatchItemFailures). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** An EventBridge event; for labeling jobs, detail is {"LabelingJobStatus": "..."} and resources[0] the job ARN. */
export interface EventBridgeEvent {
  'detail-type'?: string;
  source?: string;
  resources?: string[];
  detail?: Record<string, unknown>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry: CloudWatch Logs Insights can filter on the fields. */
export const consoleLogger: Logger = {
  info: (message, fields = {}) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields = {}) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
};
