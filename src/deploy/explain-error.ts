import { asAwsError, DeployError, errorName, type AwsErrorShape } from './errors.js';

/** What smpipe was doing when AWS said no: named in every message, so the user knows where to look. */
export interface AwsCall {
  /** IAM-style action, e.g. `sagemaker:CreatePipeline`, `s3:PutObject`. */
  action: string;
  /** What it acted on: a pipeline name, an `s3://` URI. */
  resource: string;
  /** The region smpipe deploys to. */
  region: string;
}

type Rule = (e: AwsErrorShape, name: string, call: AwsCall) => DeployError | undefined;

/** Turns any SDK failure into a DeployError with a code, a message and a hint (never a stack trace). */
export function explainAwsError(error: unknown, call: AwsCall): DeployError {
  if (error instanceof DeployError) return error;
  const e = asAwsError(error);
  const name = errorName(error);
  const explained = RULES.map((rule) => rule(e, name, call)).find((x) => x !== undefined) ?? fallback(e, name, call);
  // Kept for SMPIPE_DEBUG=1, which prints the SDK's error with its stack.
  explained.cause = error;
  return explained;
}

function fallback(e: AwsErrorShape, name: string, call: AwsCall): DeployError {
  const status = e.$metadata?.httpStatusCode;
  const detail = `${name}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? ''}`.trim();
  return new DeployError('SMP9012', `${call.action} on ${call.resource} failed: ${detail}`, 'run again with SMPIPE_DEBUG=1 for the full error');
}

const CREDENTIAL_HINT =
  'in SageMaker Studio and on SageMaker jobs the execution role is used automatically; elsewhere run `aws configure` '
  + 'or `aws sso login --profile NAME` and pass --profile NAME (or set AWS_PROFILE), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

const missingCredentials: Rule = (e, name) => {
  if (name !== 'CredentialsProviderError' && !/could not (load|resolve) credentials/i.test(e.message ?? '')) return undefined;
  return new DeployError('SMP9004', `no AWS credentials found (${firstLine(e.message)})`, CREDENTIAL_HINT);
};

const rejectedCredentials: Rule = (e, name) => {
  const names = ['ExpiredToken', 'ExpiredTokenException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidClientTokenId'];
  if (!names.includes(name) && !/token (is|has) expired/i.test(e.message ?? '')) return undefined;
  return new DeployError('SMP9004', `AWS rejected the credentials: ${name}${e.message ? `: ${firstLine(e.message)}` : ''}`, CREDENTIAL_HINT);
};

const missingRegion: Rule = (e) => {
  if (!/region is missing/i.test(e.message ?? '')) return undefined;
  return new DeployError('SMP9008', 'no AWS region configured', 'pass --region REGION, set AWS_REGION, or set region in your AWS profile');
};

const wrongRegion: Rule = (e, name, call) => {
  const status = e.$metadata?.httpStatusCode;
  const redirect = status === 301 || ['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException'].includes(name);
  if (!redirect || !call.resource.startsWith('s3://')) return undefined;
  const bucket = call.resource.slice(5).split('/')[0] ?? call.resource;
  const actual = e.$response?.headers?.['x-amz-bucket-region'] ?? e.Region ?? /expecting '([a-z0-9-]+)'/.exec(e.message ?? '')?.[1];
  const where = actual ? `is in ${actual}` : 'is in another region';
  return new DeployError(
    'SMP9006',
    `S3 bucket ${bucket} ${where}, but this deploy targets ${call.region}`,
    `SageMaker jobs read code and data from their own region: use a bucket in ${call.region}${actual ? `, or deploy with --region ${actual}` : ''}`,
  );
};

const accessDenied: Rule = (e, name, call) => {
  const status = e.$metadata?.httpStatusCode;
  if (!['AccessDenied', 'AccessDeniedException', 'Forbidden', 'UnauthorizedOperation'].includes(name) && status !== 403) return undefined;
  const parsed = /perform: (\S+) on resource: (\S+?)(?: because|$|\s)/.exec(e.message ?? '');
  const principal = /User: (\S+) is not authorized/.exec(e.message ?? '')?.[1];
  const action = parsed?.[1] ?? call.action;
  const resource = parsed?.[2] ?? call.resource;
  const head = call.action.includes('HeadObject') ? '; S3 answers 403 rather than 404 for a missing object when s3:ListBucket is not allowed' : '';
  return new DeployError(
    'SMP9005',
    `access denied: ${principal ?? 'your AWS identity'} may not ${action} on ${resource}`,
    `ask for an IAM policy allowing ${action} on ${resource} (the README's "Deploy and run" lists what smpipe needs)${head}`,
  );
};

const THROTTLE_NAMES = ['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded', 'ProvisionedThroughputExceededException'];

const throttled: Rule = (e, name, call) => {
  if (!THROTTLE_NAMES.includes(name) && e.$metadata?.httpStatusCode !== 429) return undefined;
  const attempts = e.$metadata?.attempts;
  return new DeployError(
    'SMP9007',
    `AWS throttled ${call.action} on ${call.resource}${attempts ? ` after ${attempts} attempts` : ''}`,
    'another tool may be calling the same API in a loop; wait a minute and run again, or raise the retries with AWS_MAX_ATTEMPTS',
  );
};

const notFound: Rule = (e, name, call) => {
  if (name !== 'ResourceNotFound' && name !== 'ResourceNotFoundException') return undefined;
  return new DeployError('SMP9009', `${call.resource} not found in ${call.region} (${firstLine(e.message)})`, 'check the name and the region (--region, AWS_REGION)');
};

const noBucket: Rule = (_e, name, call) => {
  if (name !== 'NoSuchBucket') return undefined;
  const bucket = call.resource.slice(5).split('/')[0];
  return new DeployError('SMP9011', `S3 bucket ${bucket} does not exist (${call.action} ${call.resource})`, `create it in ${call.region}, or set the bucket var to one that exists`);
};

/**
 * @smithy/node-http-handler names both its timeouts and a reset connection "TimeoutError"; only
 * the reset carries a socket error code (ECONNRESET, EPIPE), so that is what tells them apart.
 */
const timedOut: Rule = (e, name, call) => {
  if (e.code !== 'ETIMEDOUT' && !(name === 'TimeoutError' && !e.code)) return undefined;
  const attempts = e.$metadata?.attempts;
  return new DeployError(
    'SMP9016',
    `${call.action} on ${call.resource}: AWS did not answer in time${attempts ? ` (${attempts} attempts)` : ''}: ${firstLine(e.message) || name}`,
    'check the network and any AWS_ENDPOINT_URL* settings; on a slow link raise --request-timeout / --connect-timeout (seconds; or SMPIPE_REQUEST_TIMEOUT, SMPIPE_CONNECT_TIMEOUT)',
  );
};

const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up|TimeoutError/;

const network: Rule = (e, name, call) => {
  if (!NETWORK.test(`${name} ${e.code ?? ''} ${e.message ?? ''}`)) return undefined;
  const code = call.action.startsWith('s3:') ? 'SMP9011' : 'SMP9012';
  return new DeployError(code, `${call.action} on ${call.resource} failed: connection lost (${firstLine(e.message) || name})`, 'check the network and any AWS_ENDPOINT_URL* settings, then run again: finished uploads are not repeated');
};

const serverError: Rule = (e, name, call) => {
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status < 500) return undefined;
  return new DeployError('SMP9012', `AWS answered ${status} ${name} to ${call.action} on ${call.resource}${e.$metadata?.attempts ? ` after ${e.$metadata.attempts} attempts` : ''}`, 'a service-side failure: run again in a minute');
};

const RULES: Rule[] = [missingCredentials, rejectedCredentials, missingRegion, wrongRegion, throttled, accessDenied, notFound, noBucket, timedOut, network, serverError];

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.trim() ?? '';
}
