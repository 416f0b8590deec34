/**
 * Delivers callback messages: to the test's handler (setCallbackHandler) and, like the service,
 * to the step's SQS queue when that queue exists in moto. Delivery never blocks the execution;
 * a failing handler is reported on stderr, because nobody else would see it.
 */
import type { MotoClient } from '../moto-client.js';
import type { CallbackMessage } from '../types.js';

export type CallbackHandler = (message: CallbackMessage) => void | Promise<void>;

export class CallbackDelivery {
  private handler: CallbackHandler | undefined;

  constructor(private readonly moto: MotoClient) {}

  setHandler(handler: CallbackHandler | undefined): void {
    this.handler = handler;
  }

  deliver(message: CallbackMessage, queueUrl: string | undefined): void {
    const handler = this.handler;
    // After the current turn, so the step is registered as waiting before anyone answers it.
    setImmediate(() => {
      if (handler) {
        Promise.resolve()
          .then(() => handler(message))
          .catch((error: unknown) => console.error(`emulator: callback handler failed: ${String(error)}`));
      }
      if (queueUrl) void this.moto.sqsSend(queueUrl, JSON.stringify(message)).catch(() => false);
    });
  }
}
