import { findSecretInText } from '../check/secrets.js';
import { DeployError } from './errors.js';

/**
 * A reference to a secret, not the secret: a Secrets Manager, SSM Parameter Store or KMS ARN
 * (the job resolves it at run time with its own role).
 */
const REFERENCE = /^arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):/;

/**
 * Refuses an execution parameter (or description) holding a secret recognisable by its shape (AWS
 * access key id, Hugging Face token, private key): execution parameters are shown to anyone who may
 * call DescribePipelineExecution or ListPipelineParametersForExecution, and in Studio's run list.
 * Same codes as secrets in a spec (SMP7001, SMP7003, SMP7004). Checked before any AWS call.
 */
export function refuseSecretValues(values: readonly { what: string; value: string }[]): void {
  for (const { what, value } of values) {
    if (REFERENCE.test(value.trim())) continue;
    const found = findSecretInText(value);
    if (!found) continue;
    throw new DeployError(
      found.code,
      `${what} holds ${found.what} (${mask(found.match)}): execution parameters are readable by anyone who can describe the execution`,
      'store it in AWS Secrets Manager and pass the secret ARN (arn:aws:secretsmanager:…); the job reads it at run time',
    );
  }
}

/** Enough to recognise which secret it was, never enough to use it. */
function mask(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}… ${secret.length} characters`;
}
