import { CreateLabelingJobCommand, DescribeLabelingJobCommand, ListLabelingJobsCommand, StopLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { errorMessage, isResourceInUse, isRetryable } from './aws-errors.js';
import { reportFailure } from './callback.js';
import type { Clients } from './clients.js';
import type { BridgeConfig } from './config.js';
import { labelingJobName, stepOf, tokenPart } from './job-name.js';
import type { SqsBatchResponse, SqsEvent, SqsRecord } from './lambda-types.js';
import { parseCallbackMessage, type CallbackMessage } from './message.js';
import { pipelineRefusal, refusals } from './pins.js';
import { labelingJobRequest } from './request.js';
import { missingObjects } from './s3-check.js';
import { markReported } from './tags.js';
import { callbackState } from './verify.js';

/**
 * The SQS handler: one callback message per record. A record fails (and SQS delivers it again,
 * then moves it to the dead-letter queue) only when retrying can help or nobody can be told:
 * throttling, a server fault, a message without a readable token, or a token the pipeline will
 * not take an answer for. Everything else is answered once: the job is created (and the step
 * answered when it ends), found already created, stopped, or the step is failed at once with
 * the reason; whatever the message holds, nothing it holds makes the handler throw instead.
 */
export function createCallbackHandler(clients: Clients, config: BridgeConfig) {
  return async (event: SqsEvent): Promise<SqsBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        await handleRecord(clients, config, record);
      } catch (error) {
        clients.log.warn('message returned to the queue', { messageId: record.messageId, error: errorMessage(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

/** Handles one record; the one place a step is failed for what its message holds. */
async function handleRecord(clients: Clients, config: BridgeConfig, record: SqsRecord): Promise<void> {
  const parsed = parseCallbackMessage(record.body);
  if (!parsed.ok && !parsed.token) throw new Error(`unreadable callback message: ${parsed.reason}`);
  const token = parsed.ok ? parsed.message.token : (parsed.token as string);
  let reason: string | undefined;
  try {
    reason = parsed.ok ? await handleMessage(clients, config, parsed.message) : parsed.reason;
  } catch (error) {
    if (isRetryable(error)) throw error;
    reason = `the message could not be handled: ${errorMessage(error)}`;
  }
  if (reason === undefined) return;
  clients.log.warn('failing the step', { messageId: record.messageId, execution: parsed.ok ? parsed.message.executionArn : undefined, reason });
  // A rejected answer (expired token, a pipeline the bridge may not answer) throws: the message
  // goes back to the queue and, after the redrive limit, to the dead-letter queue, logged.
  await reportFailure(clients, token, `labeling bridge: ${reason}`);
}

/** Undefined when handled; otherwise why the step fails. */
async function handleMessage(clients: Clients, config: BridgeConfig, message: CallbackMessage): Promise<string | undefined> {
  if (message.status === 'Stopping') return stop(clients, message);
  const pipeline = pipelineRefusal(message.executionArn, config);
  if (pipeline) return `refused ${pipeline}`;
  return create(clients, config, message);
}

async function create(clients: Clients, config: BridgeConfig, message: CallbackMessage): Promise<string | undefined> {
  const name = labelingJobName(message.executionArn, stepOf(message.arguments), message.token);
  const built = labelingJobRequest(message.arguments, name, message.token, message.executionArn);
  if (!built.ok) return built.reason;
  const request = built.request;
  const refused = refusals(request, config);
  if (refused.length) {
    clients.log.warn('refused: not what the bridge was deployed for', { refused, allowed: config });
    return `refused ${refused.join('; ')}`;
  }
  const state = await callbackState(clients, message.executionArn, message.token);
  if (state === 'answered') return void clients.log.info('the step is no longer waiting (a late redelivery); nothing to do', { job: name });
  if (state === 'unknown') return `no step of ${message.executionArn} is waiting with this callback token`;
  const missing = await missingObjects(clients, [request.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri ?? '', request.HumanTaskConfig?.UiConfig?.UiTemplateS3Uri ?? '']);
  if (missing.length) return `not found in S3: ${missing.join(', ')}`;
  try {
    await clients.sagemaker.send(new CreateLabelingJobCommand(request));
    clients.log.info('labeling job created', { job: name, execution: message.executionArn });
  } catch (error) {
    // Same name = same callback token: this message was delivered before and the job exists.
    if (isResourceInUse(error)) return void clients.log.info('labeling job already exists (redelivered message)', { job: name });
    if (isRetryable(error)) throw error;
    return `CreateLabelingJob ${name} failed: ${errorMessage(error)}`;
  }
  return undefined;
}

/**
 * The execution is being stopped: stop the job (if it was ever created) and answer at once, so
 * the execution stops now rather than when Ground Truth finishes stopping. The job is marked
 * reported so its later Stopped event is not answered again.
 */
async function stop(clients: Clients, message: CallbackMessage): Promise<undefined> {
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
  return undefined;
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
