import { ListPipelineExecutionStepsCommand } from '@aws-sdk/client-sagemaker';
import { errorName, isRetryable } from './aws-errors.js';
import type { Clients } from './clients.js';

/**
 * Is the message's token really a step of the execution it names, still waiting? The queue
 * accepts messages from anyone allowed to send, so before the bridge creates a labeling job it
 * asks SageMaker: ListPipelineExecutionSteps shows each callback step's token
 * (PipelineExecutionStepMetadata.Callback.CallbackToken, API reference CallbackStepMetadata).
 * - `waiting`: the step is Starting or Executing: create the job.
 * - `answered`: the step has moved on (a late redelivery of a message already handled): nothing
 *   to do, and nobody to tell.
 * - `unknown`: no step of that execution has the token (a forged or mixed-up message), or the
 *   execution does not exist.
 */
export type CallbackState = 'waiting' | 'answered' | 'unknown';

const WAITING = new Set(['Starting', 'Executing']);
/** The service's page limit for ListPipelineExecutionSteps. */
const PAGE = 100;

export async function callbackState(clients: Clients, executionArn: string, token: string): Promise<CallbackState> {
  let NextToken: string | undefined;
  try {
    do {
      const page = await clients.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn, MaxResults: PAGE, NextToken }));
      const step = page.PipelineExecutionSteps?.find((s) => s.Metadata?.Callback?.CallbackToken === token);
      if (step) return WAITING.has(step.StepStatus ?? '') ? 'waiting' : 'answered';
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if (isRetryable(error)) throw error;
    // No such execution (or one the bridge may not see): the token cannot be vouched for.
    clients.log.warn('could not list the execution\'s steps', { execution: executionArn, error: errorName(error) });
  }
  return 'unknown';
}
