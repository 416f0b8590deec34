import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DeployError } from './errors.js';
import { explainAwsError } from './explain-error.js';

export interface AwsOptions {
  /** A named profile of ~/.aws/config (else AWS_PROFILE, else the default chain). */
  profile?: string;
  /** Else AWS_REGION / AWS_DEFAULT_REGION / the profile's region. */
  region?: string;
  /** Where endpoint overrides are read from (tests pass their own); the SDK itself reads process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface Clients {
  sagemaker: SageMakerClient;
  s3: S3Client;
  region: string;
}

/**
 * Attempts per request, first try included, unless AWS_MAX_ATTEMPTS says otherwise. SageMaker's
 * control plane throttles bursts (ListPipelineExecutionSteps while watching, several upserts in CI);
 * six attempts with the SDK's capped exponential backoff ride out a few seconds of throttling.
 */
export const DEFAULT_MAX_ATTEMPTS = 6;

/**
 * The two clients deploy uses, through the SDK's default credential chain (environment, shared
 * profiles, SSO, web identity, container and instance roles: Studio's execution role just works).
 * Endpoint overrides (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL_S3 and a
 * profile's endpoint_url) are read by the SDK itself; smpipe only adds path-style S3 addressing
 * when S3 is overridden, since local S3 servers do not serve bucket subdomains.
 */
export async function createClients(options: AwsOptions = {}): Promise<Clients> {
  const env = options.env ?? process.env;
  const common = {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: DEFAULT_MAX_ATTEMPTS }),
  };
  const sagemaker = new SageMakerClient(common);
  const region = await resolveRegion(sagemaker);
  const s3 = new S3Client({ ...common, region, forcePathStyle: s3EndpointOverridden(env) });
  return { sagemaker, s3, region };
}

async function resolveRegion(client: SageMakerClient): Promise<string> {
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch (error) {
    throw explainAwsError(error, { action: 'resolve region', resource: 'AWS configuration', region: '(none)' });
  }
  throw new DeployError('SMP9008', 'no AWS region configured', 'pass --region REGION, set AWS_REGION, or set region in your AWS profile');
}

/** Whether S3 goes to a custom endpoint (the SDK's own variables; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them off). */
export function s3EndpointOverridden(env: NodeJS.ProcessEnv): boolean {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return false;
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}

/** Closes the clients' sockets so a finished command exits at once. */
export function destroyClients(clients: Clients): void {
  clients.sagemaker.destroy();
  clients.s3.destroy();
}
