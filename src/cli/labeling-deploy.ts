import { readFileSync } from 'node:fs';
import { createClients, destroyClients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { bridgeFile, cloudFormationClient, deployLabelingStack, readBridgeTemplate, type LabelingStackResult } from '../deploy/labeling-stack.js';
import { parse, UsageError } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { LABELING_DEPLOY_USAGE } from './help-text.js';


const OPTIONS = {
  ...AWS_OPTIONS,
  'stack-name': { type: 'string' },
  bucket: { type: 'string' },
  'labeling-role-arn': { type: 'string' },
  'pipeline-role-arn': { type: 'string' },
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
      io.out(renderOutputs(result, options.labelingRoleArn));
      return 0;
    } finally {
      cloudformation.destroy();
      destroyClients(clients);
    }
  },
};

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
export function renderOutputs(result: LabelingStackResult, labelingRoleArn: string): string {
  const o = result.outputs;
  return [
    `# labeling bridge ${result.action}; add these to your vars file:`,
    `labelingQueueUrl: ${o.QueueUrl ?? '(missing output QueueUrl)'}`,
    `labelingRoleArn: ${labelingRoleArn}`,
    `labelingPreAnnotationLambdaArn: ${o.PreAnnotationLambdaArn ?? '(missing output PreAnnotationLambdaArn)'}`,
    `labelingConsolidationLambdaArn: ${o.ConsolidationLambdaArn ?? '(missing output ConsolidationLambdaArn)'}`,
    `# the pipeline role needs sqs:SendMessage on ${o.QueueArn ?? 'the queue'} (or deploy with --pipeline-role-arn)`,
    '',
  ].join('\n');
}
