import { CreateLabelingJobCommand, DescribeLabelingJobCommand, ListLabelingJobsCommand, StopLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { errorMessage, isResourceInUse, isRetryable } from './aws-errors.js';
import { reportFailure } from './callback.js';
import type { Clients } from './clients.js';
import { labelingJobName, stepOf, tokenPart } from './job-name.js';
import type { SqsBatchResponse, SqsEvent, SqsRecord } from './lambda-types.js';
import { parseCallbackMessage, type CallbackMessage } from './message.js';
import { labelingJobRequest } from './request.js';
import { missingObjects } from './s3-check.js';
import { markReported } from './tags.js';

/**
 * The SQS handler: one callback message per record. A record fails (and SQS delivers it again,
 * then moves it to the dead-letter queue) only when retrying can help or nobody can be told:
 * throttling, a server fault, or a message without a readable token. Everything else is
 * answered: the job is created (or found already created), stopped, or the step is failed with
 * the reason, and the message is done.
 */
export function createCallbackHandler(clients: Clients) {
  return async (event: SqsEvent): Promise<SqsBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        await handleRecord(clients, record);
      } catch (error) {
        clients.log.warn('message returned to the queue', { messageId: record.messageId, error: errorMessage(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

async function handleRecord(clients: Clients, record: SqsRecord): Promise<void> {
  const parsed = parseCallbackMessage(record.body);
  if (!parsed.ok) {
    if (!parsed.token) throw new Error(`unreadable callback message: ${parsed.reason}`);
    clients.log.warn('malformed callback message; failing the step', { messageId: record.messageId, reason: parsed.reason });
    await reportFailure(clients, parsed.token, `labeling bridge: ${parsed.reason}`);
    return;
  }
  const message = parsed.message;
  if (message.status === 'Stopping') await stop(clients, message);
  else await create(clients, message);
}

async function create(clients: Clients, message: CallbackMessage): Promise<void> {
  const name = labelingJobName(message.executionArn, stepOf(message.arguments), message.token);
  const built = labelingJobRequest(message.arguments, name, message.token, message.executionArn);
  if (!built.ok) return fail(clients, message, built.reason);
  const request = built.request;
  const missing = await missingObjects(clients, [request.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri ?? '', request.HumanTaskConfig?.UiConfig?.UiTemplateS3Uri ?? '']);
  if (missing.length) return fail(clients, message, `not found in S3: ${missing.join(', ')}`);
  try {
    await clients.sagemaker.send(new CreateLabelingJobCommand(request));
    clients.log.info('labeling job created', { job: name, execution: message.executionArn });
  } catch (error) {
    // Same name = same callback token: this message was delivered before and the job exists.
    if (isResourceInUse(error)) return clients.log.info('labeling job already exists (redelivered message)', { job: name });
    if (isRetryable(error)) throw error;
    return fail(clients, message, `CreateLabelingJob ${name} failed: ${errorMessage(error)}`);
  }
}

/**
 * The execution is being stopped: stop the job (if it was ever created) and answer at once, so
 * the execution stops now rather than when Ground Truth finishes stopping. The job is marked
 * reported so its later Stopped event is not answered again.
 */
async function stop(clients: Clients, message: CallbackMessage): Promise<void> {
  const name = await jobNameForStop(clients, message);
  if (name) {
    try {
      await clients.sagemaker.send(new StopLabelingJobCommand({ LabelingJobName: name }));
      clients.log.info('labeling job stopped', { job: name });
      await markReported(clients, await jobArn(clients, name), 'stopped');
    } catch (error) {
      if (isRetryable(error)) throw error;
      // Never created, or already finished: there is nothing left to stop.
      clients.log.info('labeling job not stopped', { job: name, error: errorMessage(error) });
    }
  }
  try {
    await reportFailure(clients, message.token, `pipeline execution stopped: labeling job ${name ?? '(never created)'} stopped`);
  } catch (error) {
    if (isRetryable(error)) throw error;
    // The step was answered already (the job ended as the stop came in): nobody is waiting.
    clients.log.info('stop not answered: the step is no longer waiting', { job: name, error: errorMessage(error) });
  }
}

/** The name from the arguments; without them (a bare Stopping message), the job whose name holds the token. */
async function jobNameForStop(clients: Clients, message: CallbackMessage): Promise<string | undefined> {
  if (Object.keys(message.arguments).length) return labelingJobName(message.executionArn, stepOf(message.arguments), message.token);
  const part = tokenPart(message.token);
  const listed = await clients.sagemaker.send(new ListLabelingJobsCommand({ NameContains: part, MaxResults: 10 }));
  return listed.LabelingJobSummaryList?.find((j) => j.LabelingJobName?.endsWith(`-${part}`))?.LabelingJobName;
}

async function jobArn(clients: Clients, name: string): Promise<string> {
  const job = await clients.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));
  return job.LabelingJobArn as string;
}

async function fail(clients: Clients, message: CallbackMessage, reason: string): Promise<void> {
  clients.log.warn('failing the step', { execution: message.executionArn, reason });
  await reportFailure(clients, message.token, `labeling bridge: ${reason}`);
}
