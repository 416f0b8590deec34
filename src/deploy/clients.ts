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
  timeouts?: Partial<Timeouts>;
}

/**
 * Every request has a bound: a connection that is not established within `connectMs`, or a
 * request AWS stays silent on for `requestMs` (no byte sent or received: an upload that keeps
 * sending is never cut), fails with a TimeoutError, which the SDK retries like a dropped
 * connection (@smithy/core retry: "TimeoutError" is a transient error code); after the last
 * attempt it is SMP9016. So a PutObject that never answers ends the command within about
 * attempts × requestMs plus the backoff, instead of hanging it for good.
 */
export interface Timeouts {
  connectMs: number;
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, requestMs: 60_000 };

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
  // smpipe pins its SDK version, so the SDK's notice about future versions needing Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const common = awsClientSettings(options);
  const sagemaker = new SageMakerClient(common);
  const region = await resolveRegion(sagemaker);
  await resolveCredentials(sagemaker, options.profile, credentialDeadline(options));
  const s3 = new S3Client({ ...common, region, forcePathStyle: s3EndpointOverridden(env) });
  return { sagemaker, s3, region };
}

/**
 * The settings every smpipe AWS client shares: profile, region, attempts and the timeouts
 * (`new CloudFormationClient({ ...awsClientSettings(options), region })`).
 * socketTimeout is @smithy/node-http-handler's idle timeout ("the maximum time in milliseconds
 * that a socket may remain idle"); its requestTimeout counts the whole request, which would cut
 * off a large upload that is still progressing.
 */
export function awsClientSettings(options: AwsOptions) {
  const env = options.env ?? process.env;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: DEFAULT_MAX_ATTEMPTS }),
    requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.requestMs },
  };
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

/**
 * Resolves the credential chain once, up front (the clients share the cached result), so a
 * missing or expired login is reported before any work, naming the profile that was asked for.
 */
async function resolveCredentials(client: SageMakerClient, profile: string | undefined, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeployError('SMP9016', `loading AWS credentials took longer than ${deadlineMs / 1000} s`, 'check the network to the credential source (SSO portal, STS, instance metadata) and your AWS profile')), deadlineMs);
  });
  try {
    await Promise.race([client.config.credentials(), late]);
  } catch (error) {
    if (error instanceof DeployError) throw error;
    const explained = explainAwsError(error, { action: 'load credentials', resource: 'AWS configuration', region: '' });
    if (!profile || explained.code !== 'SMP9004') throw explained;
    throw new DeployError('SMP9004', `no AWS credentials found for profile ${profile} (${(error as Error).message})`, `check the name with \`aws configure list-profiles\`; for an SSO profile run \`aws sso login --profile ${profile}\``);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The credential chain makes its own requests (SSO, STS, instance metadata), outside the clients'
 * handlers: it gets as long as a connection and a few silent requests would.
 */
function credentialDeadline(options: AwsOptions): number {
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return t.connectMs + 3 * t.requestMs;
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

/** Creates the clients, runs `use`, and closes them however it ends. */
export async function withClients<T>(options: AwsOptions, use: (clients: Clients) => Promise<T>): Promise<T> {
  const clients = await createClients(options);
  try {
    return await use(clients);
  } finally {
    destroyClients(clients);
  }
}
