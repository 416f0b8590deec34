/**
 * What a simulated job writes to CloudWatch Logs, kept in moto's Logs backend so `smpipe logs`
 * reads it through the real client: the log group SageMaker uses for the job type, one stream
 * `<job name>/algo-1-<epoch seconds>` as the platform names them
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html: "/aws/sagemaker/TrainingJobs",
 * "/aws/sagemaker/ProcessingJobs", "/aws/sagemaker/TransformJobs").
 */
import type { MotoClient } from '../moto-client.js';
import { ServiceError } from '../sagemaker/errors.js';

export const LOG_GROUPS: Readonly<Record<string, string>> = {
  Training: '/aws/sagemaker/TrainingJobs',
  Processing: '/aws/sagemaker/ProcessingJobs',
  Transform: '/aws/sagemaker/TransformJobs',
};

/** Writes `lines` to the stream of a job of this step type; other step types (no job) write nothing. */
export async function writeJobLogs(moto: MotoClient, stepType: string, jobName: string, lines: string[]): Promise<void> {
  const group = LOG_GROUPS[stepType];
  if (!group) return;
  const stream = `${jobName}/algo-1-${Math.floor(Date.now() / 1000)}`;
  await ignoreExisting(moto.json('logs', 'Logs_20140328.CreateLogGroup', { logGroupName: group }));
  await ignoreExisting(moto.json('logs', 'Logs_20140328.CreateLogStream', { logGroupName: group, logStreamName: stream }));
  const now = Date.now();
  const logEvents = lines.map((message, i) => ({ timestamp: now + i, message }));
  await moto.json('logs', 'Logs_20140328.PutLogEvents', { logGroupName: group, logStreamName: stream, logEvents });
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof ServiceError && error.code === 'ResourceAlreadyExistsException')) throw error;
  }
}
