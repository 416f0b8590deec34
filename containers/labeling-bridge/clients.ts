import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { consoleLogger, type Logger } from './lambda-types.js';

/**
 * What the handlers talk to. In Lambda the defaults come from the function's role and region;
 * tests hand in clients pointed at the emulator and their own clock and logger.
 */
export interface Clients {
  sagemaker: Pick<SageMakerClient, 'send'>;
  s3: Pick<S3Client, 'send'>;
  log: Logger;
  now(): Date;
}

let defaults: Clients | undefined;

/** One set per Lambda container, created on first use (clients keep their connections warm). */
export function defaultClients(): Clients {
  defaults ??= { sagemaker: new SageMakerClient({}), s3: new S3Client({}), log: consoleLogger, now: () => new Date() };
  return defaults;
}
