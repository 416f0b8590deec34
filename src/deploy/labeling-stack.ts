import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, UpdateStackCommand, type Parameter, type Stack } from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../assets/hash.js';
import { zipDeterministic } from '../assets/zip.js';
import { callAws } from './aws-call.js';
import { awsClientSettings, type AwsOptions } from './clients.js';
import { asAwsError, DeployError, errorName } from './errors.js';
import { explainAwsError } from './explain-error.js';

/**
 * `smpipe labeling deploy`: the labeling bridge's CloudFormation stack
 * (containers/labeling-bridge/stack.yaml). Uploads the bundle as a deterministic zip under a
 * content-addressed key (an unchanged bridge leaves the functions alone), creates or updates
 * the stack, waits for it to settle and returns its outputs for the spec's vars.
 */
export interface LabelingStackOptions {
  stackName: string;
  /** The smpipe artifacts bucket: the code zip goes there, and the bridge may read under `prefix`. */
  bucket: string;
  /** Key prefix the bridge reads (manifests, worker UIs, Ground Truth output); default smpipe/. */
  prefix: string;
  labelingRoleArn: string;
  /** The only work teams, pipelines and (besides the stack's own) Lambdas the bridge serves. */
  workteamArns: readonly string[];
  pipelineNames: readonly string[];
  lambdaArns?: readonly string[];
  pipelineRoleArn?: string;
  sweepSchedule?: string;
  /** The esbuild bundle (make bridge). */
  bundle: Uint8Array;
  template: string;
}

export interface LabelingStackClients {
  cloudformation: Pick<CloudFormationClient, 'send'>;
  s3: Pick<S3Client, 'send'>;
  region: string;
}

export interface LabelingStackResult {
  action: 'created' | 'updated' | 'unchanged';
  codeUri: string;
  uploaded: boolean;
  outputs: Record<string, string>;
}

export interface Progress {
  line(text: string): void;
  /** Waits between DescribeStacks polls (tests pass a short one). */
  sleep(ms: number): Promise<void>;
}

const POLL_MS = 5000;

export async function deployLabelingStack(clients: LabelingStackClients, options: LabelingStackOptions, progress: Progress): Promise<LabelingStackResult> {
  const code = await uploadCode(clients, options, progress);
  const action = await createOrUpdate(clients, options, code.key, progress);
  const stack = action === 'unchanged' ? await describe(clients, options.stackName) : await waitForStack(clients, options.stackName, progress);
  const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  return { action, codeUri: `s3://${options.bucket}/${code.key}`, uploaded: code.uploaded, outputs };
}

async function uploadCode(clients: LabelingStackClients, options: LabelingStackOptions, progress: Progress): Promise<{ key: string; uploaded: boolean }> {
  const zip = zipDeterministic([{ name: 'index.mjs', data: options.bundle }]);
  const key = `${options.prefix}labeling-bridge/${sha256Hex(zip)}/bridge.zip`;
  const call = { action: 's3:PutObject', resource: `s3://${options.bucket}/${key}`, region: clients.region };
  try {
    await clients.s3.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
    progress.line(`bundle unchanged: s3://${options.bucket}/${key}`);
    return { key, uploaded: false };
  } catch (error) {
    if (asAwsError(error).$metadata?.httpStatusCode !== 404 && errorName(error) !== 'NotFound') throw explainAwsError(error, { ...call, action: 's3:GetObject' });
  }
  await callAws(call, () => clients.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: zip, ContentType: 'application/zip' })));
  progress.line(`uploaded the bridge bundle (${zip.length} bytes): s3://${options.bucket}/${key}`);
  return { key, uploaded: true };
}

function parameters(options: LabelingStackOptions, codeKey: string): Parameter[] {
  const values: Record<string, string | undefined> = {
    CodeBucket: options.bucket,
    CodeKey: codeKey,
    ArtifactsBucket: options.bucket,
    ArtifactsPrefix: options.prefix,
    LabelingRoleArn: options.labelingRoleArn,
    WorkteamArns: options.workteamArns.join(','),
    PipelineNames: pipelineArnNames(options.pipelineNames).join(','),
    ExtraLambdaArns: (options.lambdaArns ?? []).join(','),
    PipelineRoleArn: options.pipelineRoleArn ?? '',
    SweepSchedule: options.sweepSchedule,
  };
  return Object.entries(values).filter(([, v]) => v !== undefined).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}

/**
 * The names as they appear in execution ARNs, which IAM matches case-sensitively: SageMaker
 * writes the pipeline name lower-cased there (`list-pipelines` shows PipelineName
 * "AbalonePipeline" with PipelineArn "…:pipeline/abalonepipeline", github.com/alfredcs/SM_Pipeline_Demo
 * README). The name as given is kept too, in case a region does not lower-case it.
 */
export function pipelineArnNames(names: readonly string[]): string[] {
  return [...new Set(names.flatMap((name) => [name, name.toLowerCase()]))];
}

async function createOrUpdate(clients: LabelingStackClients, options: LabelingStackOptions, codeKey: string, progress: Progress): Promise<LabelingStackResult['action']> {
  const existing = await describe(clients, options.stackName);
  const request = { StackName: options.stackName, TemplateBody: options.template, Parameters: parameters(options, codeKey), Capabilities: ['CAPABILITY_IAM' as const], Tags: [{ Key: 'smpipe', Value: 'labeling-bridge' }] };
  const call = (action: string) => ({ action: `cloudformation:${action}`, resource: `stack ${options.stackName}`, region: clients.region });
  if (!existing) {
    await callAws(call('CreateStack'), () => clients.cloudformation.send(new CreateStackCommand(request)));
    progress.line(`creating stack ${options.stackName}`);
    return 'created';
  }
  if (existing.StackStatus === 'ROLLBACK_COMPLETE') {
    throw new DeployError('SMP9012', `stack ${options.stackName} is in ROLLBACK_COMPLETE (its creation failed) and cannot be updated`, `delete it (aws cloudformation delete-stack --stack-name ${options.stackName}) and deploy again`);
  }
  try {
    await clients.cloudformation.send(new UpdateStackCommand(request));
  } catch (error) {
    // CloudFormation's way of saying the template, parameters and code are what is deployed.
    if (/No updates are to be performed/i.test(asAwsError(error).message ?? '')) {
      progress.line(`stack ${options.stackName} is up to date`);
      return 'unchanged';
    }
    throw explainAwsError(error, call('UpdateStack'));
  }
  progress.line(`updating stack ${options.stackName}`);
  return 'updated';
}

async function describe(clients: LabelingStackClients, stackName: string): Promise<Stack | undefined> {
  try {
    const described = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    return stack?.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
  } catch (error) {
    if (/does not exist/i.test(asAwsError(error).message ?? '')) return undefined;
    throw explainAwsError(error, { action: 'cloudformation:DescribeStacks', resource: `stack ${stackName}`, region: clients.region });
  }
}

/** Polls until the stack leaves *_IN_PROGRESS; a failed or rolled-back stack is an error naming the first failed resource. */
async function waitForStack(clients: LabelingStackClients, stackName: string, progress: Progress): Promise<Stack | undefined> {
  for (;;) {
    const stack = await describe(clients, stackName);
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (!status.endsWith('_IN_PROGRESS')) {
      if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE') {
        progress.line(`stack ${stackName}: ${status}`);
        return stack;
      }
      throw new DeployError('SMP9012', `stack ${stackName} ended in ${status}: ${await firstFailure(clients, stackName)}`, 'see the stack\'s events in the CloudFormation console');
    }
    await progress.sleep(POLL_MS);
  }
}

async function firstFailure(clients: LabelingStackClients, stackName: string): Promise<string> {
  try {
    const events = await clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: stackName }));
    const failed = (events.StackEvents ?? []).filter((e) => e.ResourceStatus?.endsWith('_FAILED')).pop();
    return failed ? `${failed.LogicalResourceId}: ${failed.ResourceStatusReason ?? failed.ResourceStatus}` : 'no failed resource reported';
  } catch {
    return 'the stack events could not be read';
  }
}

/** The CloudFormation client, configured like the other deploy clients (profile, region, retries, timeouts, endpoint variables). */
export function cloudFormationClient(options: AwsOptions, region: string): CloudFormationClient {
  return new CloudFormationClient({ ...awsClientSettings(options), region });
}

/** containers/labeling-bridge/<file>, found from this module in src/ (tsx) or dist/src/ (built). */
export function bridgeFile(file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'containers', 'labeling-bridge', file);
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  return join('containers', 'labeling-bridge', file);
}

export function readBridgeTemplate(): string {
  return readFileSync(bridgeFile('stack.yaml'), 'utf8');
}
