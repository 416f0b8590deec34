import type { AwsOptions } from '../deploy/clients.js';
import type { DesiredPipeline } from '../deploy/desired.js';
import { DeployError } from '../deploy/errors.js';
import { UsageError, type Parsed } from './args.js';

export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
} as const;

/** --profile, --region and the timeouts (flag, else SMPIPE_CONNECT_TIMEOUT / SMPIPE_REQUEST_TIMEOUT, in seconds). */
export function awsOptions(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): AwsOptions {
  const profile = parsed.values.profile as string | undefined;
  const region = parsed.values.region as string | undefined;
  const connectMs = seconds(parsed.values['connect-timeout'], '--connect-timeout') ?? seconds(env.SMPIPE_CONNECT_TIMEOUT, 'SMPIPE_CONNECT_TIMEOUT');
  const requestMs = seconds(parsed.values['request-timeout'], '--request-timeout') ?? seconds(env.SMPIPE_REQUEST_TIMEOUT, 'SMPIPE_REQUEST_TIMEOUT');
  const timeouts = { ...(connectMs ? { connectMs } : {}), ...(requestMs ? { requestMs } : {}) };
  return { ...(profile ? { profile } : {}), ...(region ? { region } : {}), ...(connectMs || requestMs ? { timeouts } : {}) };
}

function seconds(raw: unknown, what: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${what} must be a positive number of seconds, got ${String(raw)}`);
  return Math.ceil(value * 1000);
}

/**
 * The AWS options for deploying a compiled folder: its image URIs and `sagemaker_region` were
 * compiled for one region, so that region is the default (over AWS_REGION and the profile), and
 * --region naming another one is refused rather than registering a pipeline that cannot run.
 */
export function deployAwsOptions(parsed: Parsed, desired: DesiredPipeline): AwsOptions {
  const aws = awsOptions(parsed);
  if (!desired.region) return aws;
  if (aws.region && aws.region !== desired.region) {
    throw new DeployError(
      'SMP9015',
      `pipeline ${desired.name} was compiled for ${desired.region} (image URIs, sagemaker_region), not --region ${aws.region}`,
      `compile for ${aws.region} (--set region=${aws.region}, with a bucket in that region), or leave out --region`,
    );
  }
  return { ...aws, region: desired.region };
}
