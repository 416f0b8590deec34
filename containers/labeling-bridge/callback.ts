import { createHash } from 'node:crypto';
import { SendPipelineExecutionStepFailureCommand } from '@aws-sdk/client-sagemaker';
import type { Clients } from './clients.js';

/**
 * Fails a callback step (both handlers do; only the completion handler reports success, in
 * completion.ts, so each function's role allows exactly the calls its code makes).
 * ClientRequestToken is derived from the callback token and the outcome, so the EventBridge
 * handler and the sweep answering the same job at the same time make one idempotent request,
 * not two different answers.
 */

/** FailureReason is at most 256 characters (SendPipelineExecutionStepFailure). */
const MAX_REASON = 256;

export async function reportFailure(clients: Clients, token: string, reason: string): Promise<void> {
  await clients.sagemaker.send(new SendPipelineExecutionStepFailureCommand({
    CallbackToken: token,
    ClientRequestToken: requestToken(token, 'failure'),
    FailureReason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason,
  }));
}

/** 64 hex characters, within ClientRequestToken's 32-128. */
export function requestToken(token: string, outcome: string): string {
  return createHash('sha256').update(`smpipe-labeling-bridge:${token}:${outcome}`).digest('hex');
}
