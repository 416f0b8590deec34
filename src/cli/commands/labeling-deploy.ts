import { readFileSync } from 'node:fs';
import { createClients, destroyClients } from '../../deploy/clients.js';
import { DeployError } from '../../deploy/errors.js';
import { bridgeFile, cloudFormationClient, deployLabelingStack, readBridgeTemplate, type LabelingStackResult } from '../../deploy/labeling-stack.js';
import { parse, UsageError } from '../args.js';
import { AWS_OPTIONS, awsOptions } from '../aws-flags.js';
import type { AsyncCommand } from '../deploy-io.js';
import { LABELING_DEPLOY_USAGE } from '../help/labeling.js';

const OPTIONS = {
  ...AWS_OPTIONS,
  'stack-name': { type: 'string' },
  bucket: { type: 'string' },
  'labeling-role-arn': { type: 'string' },
  'pipeline-role-arn': { type: 'string' },
  'workteam-arn': { type: 'string', multiple: true },
  pipeline: { type: 'string', multiple: true },
  'lambda-arn': { type: 'string', multiple: true },
  prefix: { type: 'string' },
  bundle: { type: 'string' },
} as const;

export const labelingDeployCommand: AsyncCommand = {
  summary: 'deploy the Ground Truth labeling bridge stack',
  usage: LABELING_DEPLOY_USAGE,
  async run(argv, io) {
    const parsed = parse(argv, OPTIONS);
    if (parsed.positionals.length) throw new UsageError(`unexpected ${parsed.positionals.join(' ')}`);
    const required = (name: string) => {
      const value = parsed.values[name] as string | undefined;
      if (!value) throw new UsageError(`--${name} is required`);
      return value;
    };
    const options = {
      stackName: required('stack-name'),
      bucket: required('bucket'),
      labelingRoleArn: required('labeling-role-arn'),
      workteamArns: listFlag(parsed.values['workteam-arn'], 'workteam-arn', true),
      pipelineNames: listFlag(parsed.values.pipeline, 'pipeline', true),
      lambdaArns: listFlag(parsed.values['lambda-arn'], 'lambda-arn', false),
      pipelineRoleArn: parsed.values['pipeline-role-arn'] as string | undefined,
      prefix: normalisePrefix((parsed.values.prefix as string | undefined) ?? 'smpipe/'),
      bundle: readBundle((parsed.values.bundle as string | undefined) ?? 'build/labeling-bridge/index.mjs'),
      template: readBridgeTemplate(),
    };
    const aws = awsOptions(parsed);
    const clients = await createClients(aws);
    const cloudformation = cloudFormationClient(aws, clients.region);
    try {
      const progress = { line: (text: string) => io.err(`${text}\n`), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
      const result = await deployLabelingStack({ cloudformation, s3: clients.s3, region: clients.region }, options, progress);
      io.out(renderOutputs(result, options.labelingRoleArn, options.workteamArns));
      return 0;
    } finally {
      cloudformation.destroy();
      destroyClients(clients);
    }
  },
};

/**
 * What the bridge may serve, checked before anything is uploaded. The patterns are the stack's
 * AllowedPattern for each CommaDelimitedList item (stack.yaml), anchored; a value with a comma
 * would split into two items.
 */
const LIST_FLAGS: Record<string, { pattern: RegExp; what: string }> = {
  'workteam-arn': { pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:workteam\/[a-z-]+-crowd\/.+$/, what: 'a work team ARN (arn:aws:sagemaker:REGION:ACCOUNT:workteam/private-crowd/TEAM)' },
  pipeline: { pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/, what: 'a pipeline name (the spec\'s `pipeline:`)' },
  'lambda-arn': { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9$_-]+)?$/, what: 'a Lambda function ARN' },
};

function listFlag(value: unknown, flag: string, required: boolean): string[] {
  const values = (value as string[] | undefined) ?? [];
  if (required && !values.length) throw new UsageError(`--${flag} is required (repeat it for more than one)`);
  const rule = LIST_FLAGS[flag] as { pattern: RegExp; what: string };
  for (const v of values) if (v.includes(',') || !rule.pattern.test(v)) throw new UsageError(`--${flag} ${v} is not ${rule.what}`);
  return [...new Set(values)];
}

/** "smpipe" → "smpipe/"; "" stays "" (the whole bucket). */
function normalisePrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function readBundle(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new DeployError('SMP9012', `no labeling bridge bundle at ${path}`, `run \`make bridge\` first (it writes build/labeling-bridge/index.mjs from ${bridgeFile('index.ts')})`);
  }
}

/** The stack's outputs as the vars a ground-truth step needs. */
export function renderOutputs(result: LabelingStackResult, labelingRoleArn: string, workteamArns: readonly string[] = []): string {
  const o = result.outputs;
  return [
    `# labeling bridge ${result.action}; add these to your vars file:`,
    `labelingQueueUrl: ${o.QueueUrl ?? '(missing output QueueUrl)'}`,
    `labelingRoleArn: ${labelingRoleArn}`,
    ...(workteamArns.length === 1 ? [`workteamArn: ${workteamArns[0]}`] : []),
    `labelingPreAnnotationLambdaArn: ${o.PreAnnotationLambdaArn ?? '(missing output PreAnnotationLambdaArn)'}`,
    `labelingConsolidationLambdaArn: ${o.ConsolidationLambdaArn ?? '(missing output ConsolidationLambdaArn)'}`,
    `# the pipeline role needs sqs:SendMessage on ${o.QueueArn ?? 'the queue'} (or deploy with --pipeline-role-arn)`,
    '',
  ].join('\n');
}
