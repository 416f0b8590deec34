/**
 * Helpers for tests that use the emulator (ours and other suites', e.g. test/bridge): SDK clients
 * pointed at an emulator, and small definitions. Keep these exports stable.
 */
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from './index.js';
import { connect } from './suites/harness.js';

export { definition, get, processing, ROLE, training, uniqueName } from './suites/fixtures.js';

/** Real SDK clients for the emulator: credentials test/test, S3 path-style. */
export function clients(emulator: Emulator): { sagemaker: SageMakerClient; s3: S3Client } {
  const { sagemaker, s3 } = connect(emulator);
  return { sagemaker, s3 };
}
