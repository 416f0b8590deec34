/**
 * The other things a run needs to exist, named literally in the definition (they come from vars):
 * the artifacts bucket (in the deploy's region), the callback queues, the Ground Truth work teams,
 * the Lambdas (Lambda steps, the labeling job's pre-annotation and consolidation functions) and the
 * Secrets Manager secrets the jobs read. Each lookup is one read; "does not exist" is an error,
 * anything else (no permission above all) a thing not checked.
 */
import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { DescribeWorkteamCommand } from '@aws-sdk/client-sagemaker';
import type { Json } from '../../expr/types.js';
import type { Clients } from '../clients.js';
import { flattenSteps } from '../step-diff.js';
import type { PreflightClients } from './clients.js';
import { couldNotCheck, finding, isMissing, type Finding } from './findings.js';

export interface Named {
  queues: string[];
  workteams: string[];
  lambdas: string[];
  secrets: string[];
}

const LAMBDA_KEYS = new Set(['PreHumanTaskLambdaArn', 'AnnotationConsolidationLambdaArn']);
const SECRET_ARN = /arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+/g;

/**
 * What the definition names literally (expressions are left out: their values are known only at
 * run time), in the steps `only` lists when given; secrets anywhere in those steps or a parameter.
 */
export function namedResources(definition: Json, only?: ReadonlySet<string>): Named {
  const queues = new Set<string>();
  const workteams = new Set<string>();
  const lambdas = new Set<string>();
  const steps = flattenSteps(definition).filter((s) => !only || only.has(s.name));
  const text = JSON.stringify([steps.map((s) => s.body), (definition as { Parameters?: unknown }).Parameters ?? []]);
  for (const step of steps) {
    if (step.type === 'Callback' && typeof step.body.SqsQueueUrl === 'string') queues.add(step.body.SqsQueueUrl);
    if (step.type === 'Lambda' && typeof step.body.FunctionArn === 'string') lambdas.add(step.body.FunctionArn);
    visitStrings(step.body.Arguments, (key, value) => {
      if (key === 'WorkteamArn') workteams.add(value);
      if (LAMBDA_KEYS.has(key)) lambdas.add(value);
    });
  }
  return { queues: [...queues], workteams: [...workteams], lambdas: [...lambdas], secrets: [...new Set(text.match(SECRET_ARN) ?? [])] };
}

function visitStrings(value: unknown, visit: (key: string, value: string) => void, key = ''): void {
  if (typeof value === 'string') visit(key, value);
  else if (Array.isArray(value)) value.forEach((v) => visitStrings(v, visit, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visitStrings(v, visit, k);
}

/** The artifacts bucket exists and is in the deploy's region (GetBucketLocation: empty means us-east-1, EU eu-west-1). */
export async function checkBucket(clients: Clients, artifacts: string): Promise<Finding[]> {
  const bucket = /^s3:\/\/([^/]+)/.exec(artifacts)?.[1] ?? artifacts;
  try {
    const { LocationConstraint: location } = await clients.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
    const region = !location ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
    if (region === clients.region) return [];
    return [finding('SMP9006', `S3 bucket ${bucket} is in ${region}, but this deploy targets ${clients.region}`, `SageMaker jobs read code and data from their own region: use a bucket in ${clients.region}`)];
  } catch (error) {
    if (isMissing(error, ['NoSuchBucket'])) return [finding('SMP9045', `S3 bucket ${bucket} does not exist`, `create it in ${clients.region}, or set the bucket var to one that exists`)];
    return [couldNotCheck(`S3 bucket ${bucket}`, 's3:GetBucketLocation', error)];
  }
}

/** One read: [] when the thing is there, `missing()` when the service says it is not, else "not checked". */
async function lookup(what: string, action: string, send: () => Promise<unknown>, notFound: { names: readonly string[]; message?: RegExp }, missing: () => Finding): Promise<Finding[]> {
  try {
    await send();
    return [];
  } catch (error) {
    return [isMissing(error, notFound.names, notFound.message) ? missing() : couldNotCheck(what, action, error)];
  }
}

export async function checkQueue(clients: PreflightClients, url: string): Promise<Finding[]> {
  const { GetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
  return lookup(`SQS queue ${url}`, 'sqs:GetQueueAttributes', async () => (await clients.sqs()).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })),
    { names: ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue'] },
    () => finding('SMP9046', `SQS queue ${url} does not exist`, 'deploy the labeling bridge (smpipe labeling deploy) and put its QueueUrl output in your vars'));
}

export async function checkWorkteam(clients: Clients, arn: string): Promise<Finding[]> {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  return lookup(`work team ${arn}`, 'sagemaker:DescribeWorkteam', () => clients.sagemaker.send(new DescribeWorkteamCommand({ WorkteamName: name })),
    { names: ['ResourceNotFound', 'ResourceNotFoundException'], message: /does not exist|not found/i },
    () => finding('SMP9047', `Ground Truth work team ${arn} does not exist`, 'create a private work team (README: Ground Truth setup, step 1) and put its ARN in the workteamArn var'));
}

export async function checkLambda(clients: PreflightClients, arn: string): Promise<Finding[]> {
  const { GetFunctionCommand } = await import('@aws-sdk/client-lambda');
  return lookup(`Lambda function ${arn}`, 'lambda:GetFunction', async () => (await clients.lambda()).send(new GetFunctionCommand({ FunctionName: arn })),
    { names: ['ResourceNotFoundException'] },
    () => finding('SMP9048', `Lambda function ${arn} does not exist`, 'deploy it (the labeling bridge: smpipe labeling deploy) or fix the ARN in your vars'));
}

export async function checkSecret(clients: PreflightClients, arn: string): Promise<Finding[]> {
  const { DescribeSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  return lookup(`secret ${arn}`, 'secretsmanager:DescribeSecret', async () => (await clients.secrets()).send(new DescribeSecretCommand({ SecretId: arn })),
    { names: ['ResourceNotFoundException'] },
    () => finding('SMP9049', `Secrets Manager secret ${arn} does not exist`, 'create it (aws secretsmanager create-secret) or fix the ARN in your vars'));
}
