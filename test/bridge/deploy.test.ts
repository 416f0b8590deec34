import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCommand } from '../../src/cli/deploy-io.js';
import type { Io } from '../../src/views/io.js';
import { labelingDeployCommand } from '../../src/cli/commands/labeling-deploy.js';
import { DeployError } from '../../src/deploy/errors.js';
import { deployLabelingStack, readBridgeTemplate, type LabelingStackOptions } from '../../src/deploy/labeling-stack.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { clients } from '../emulator/test-helpers.js';

/**
 * `smpipe labeling deploy` against the emulator, whose CloudFormation is moto's: moto creates
 * the queue, roles, functions, rules and outputs from stack.yaml (it does not run the functions).
 * moto differs from CloudFormation on a no-op update (it updates; the service answers
 * ValidationError "No updates are to be performed"), so that answer is put in front of moto's.
 */
const BUCKET = 'bridge-deploy';
const BUNDLE = Buffer.from('export const callbackMessages = async () => ({ batchItemFailures: [] });\n');
const TEAM = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/labelers';

let emulator: Emulator;
let cloudformation: CloudFormationClient;
let s3: ReturnType<typeof clients>['s3'];

before(async () => {
  emulator = await startEmulator();
  s3 = clients(emulator).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  cloudformation = new CloudFormationClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
after(async () => {
  cloudformation.destroy();
  s3.destroy();
  await emulator.stop();
});

const quiet = { line: () => undefined, sleep: () => new Promise<void>((r) => setTimeout(r, 50)) };

function options(stackName: string, extra: Partial<LabelingStackOptions> = {}): LabelingStackOptions {
  return { stackName, bucket: BUCKET, prefix: 'smpipe/', labelingRoleArn: 'arn:aws:iam::111122223333:role/Labeling', workteamArns: [TEAM], pipelineNames: ['Llama3-DPO'], bundle: BUNDLE, template: readBridgeTemplate(), ...extra };
}

const deploy = (o: LabelingStackOptions) => deployLabelingStack({ cloudformation, s3, region: emulator.region }, o, quiet);

test('deploy: uploads the zip under a content-addressed key, creates the stack, returns the outputs for vars', async () => {
  const result = await deploy(options('bridge-a'));
  assert.equal(result.action, 'created');
  assert.equal(result.uploaded, true);
  assert.match(result.codeUri, /^s3:\/\/bridge-deploy\/smpipe\/labeling-bridge\/[0-9a-f]{64}\/bridge\.zip$/);
  assert.match(result.outputs.QueueUrl ?? '', /^https:\/\/sqs\./);
  assert.match(result.outputs.PreAnnotationLambdaArn ?? '', /:function:bridge-a-pre-LabelingFunction$/);
  assert.match(result.outputs.ConsolidationLambdaArn ?? '', /:function:bridge-a-acs-LabelingFunction$/);
  const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'bridge-a' }))).Stacks?.[0];
  const parameters = Object.fromEntries((stack?.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]));
  assert.equal(parameters.CodeKey, result.codeUri.replace('s3://bridge-deploy/', ''));
  assert.equal(parameters.LabelingRoleArn, 'arn:aws:iam::111122223333:role/Labeling');
  // What the bridge is pinned to, as sent (moto's DescribeStacks shows list parameters as Python
  // lists); pipeline names also lower-cased, as SageMaker writes them in ARNs.
  const sent = sentParameters('bridge-a');
  assert.equal(sent.WorkteamArns, TEAM);
  assert.equal(sent.PipelineNames, 'Llama3-DPO,llama3-dpo');
  assert.equal(sent.ExtraLambdaArns, '');
});

/** The Parameters of the CreateStack request sent for a stack (query protocol: Parameters.member.N.*). */
function sentParameters(stackName: string): Record<string, string> {
  const request = emulator.requests.find((r) => r.action === 'CreateStack' && (r.params as Record<string, string>).StackName === stackName);
  const params = (request?.params ?? {}) as Record<string, string>;
  const keys = Object.keys(params).filter((k) => /^Parameters\.member\.\d+\.ParameterKey$/.test(k));
  return Object.fromEntries(keys.map((k) => [params[k], params[k.replace('ParameterKey', 'ParameterValue')] ?? '']));
}

test('deploy again with the same bundle: no upload; CloudFormation\'s "no updates" is "unchanged"', async () => {
  await deploy(options('bridge-b'));
  const puts = emulator.count('PutObject');
  const serviceLike = {
    send: (command: { constructor: { name: string } }) => command.constructor.name === 'UpdateStackCommand'
      ? Promise.reject(Object.assign(new Error('No updates are to be performed.'), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } }))
      : cloudformation.send(command as never),
  } as unknown as CloudFormationClient;
  const again = await deployLabelingStack({ cloudformation: serviceLike, s3, region: emulator.region }, options('bridge-b'), quiet);
  assert.equal(again.action, 'unchanged');
  assert.equal(again.uploaded, false);
  assert.equal(emulator.count('PutObject'), puts);
  assert.match(again.outputs.QueueUrl ?? '', /^https:\/\/sqs\./);
});

test('a new bundle is a new key and an update', async () => {
  const first = await deploy(options('bridge-c'));
  const second = await deploy(options('bridge-c', { bundle: Buffer.concat([BUNDLE, Buffer.from('// v2\n')]), pipelineRoleArn: 'arn:aws:iam::111122223333:role/Pipeline' }));
  assert.equal(second.action, 'updated');
  assert.notEqual(second.codeUri, first.codeUri);
});

test('AWS refusing CreateStack is a DeployError naming the action', async () => {
  emulator.injectFault({ action: 'CreateStack', kind: 'error', status: 403, code: 'AccessDenied', message: 'not authorized to perform: cloudformation:CreateStack' });
  await assert.rejects(deploy(options('bridge-d')), (error: unknown) => error instanceof DeployError && error.code === 'SMP9005' && /CreateStack/.test(error.message));
});

test('smpipe labeling deploy: flags, the vars to paste, and usage errors', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL: emulator.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: emulator.region, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' });
  delete process.env.AWS_PROFILE;
  try {
    const ok = capture();
    const bundle = join(tmpdir(), `bridge-${process.pid}.mjs`);
    writeFileSync(bundle, BUNDLE);
    const pinned = ['--workteam-arn', TEAM, '--pipeline', 'llama3-dpo-alignment', '--pipeline', 'nightly', '--lambda-arn', 'arn:aws:lambda:us-east-1:111122223333:function:mine'];
    const code = await runCommand('labeling deploy', labelingDeployCommand, ['--stack-name', 'bridge-cli', '--bucket', BUCKET, '--labeling-role-arn', 'arn:aws:iam::111122223333:role/Labeling', '--bundle', bundle, ...pinned], ok.io);
    assert.equal(code, 0, ok.text.err);
    assert.match(ok.text.out, /^labelingQueueUrl: https:\/\/sqs\./m);
    assert.match(ok.text.out, /^labelingRoleArn: arn:aws:iam::111122223333:role\/Labeling$/m);
    assert.match(ok.text.out, /^labelingPreAnnotationLambdaArn: arn:aws:lambda:.*:function:bridge-cli-pre-LabelingFunction$/m);
    assert.match(ok.text.out, /^labelingConsolidationLambdaArn: arn:aws:lambda:.*:function:bridge-cli-acs-LabelingFunction$/m);
    assert.match(ok.text.out, new RegExp(`^workteamArn: ${TEAM}$`, 'm'), 'the one team, for the vars file');
    const sent = sentParameters('bridge-cli');
    assert.deepEqual([sent.WorkteamArns, sent.PipelineNames, sent.ExtraLambdaArns], [TEAM, 'llama3-dpo-alignment,nightly', 'arn:aws:lambda:us-east-1:111122223333:function:mine']);
    const missing = capture();
    assert.equal(await runCommand('labeling deploy', labelingDeployCommand, ['--stack-name', 'x'], missing.io), 2);
    assert.match(missing.text.err, /--bucket is required/);
    const noBundle = capture();
    assert.equal(await runCommand('labeling deploy', labelingDeployCommand, ['--stack-name', 'x', '--bucket', BUCKET, '--labeling-role-arn', 'arn:aws:iam::111122223333:role/L', '--bundle', '/no/such.mjs', ...pinned], noBundle.io), 1);
    assert.match(noBundle.text.err, /make bridge/);
    // The pins are required and checked before anything is uploaded.
    const base = ['--stack-name', 'x', '--bucket', BUCKET, '--labeling-role-arn', 'arn:aws:iam::111122223333:role/L', '--bundle', bundle];
    const usage: [string[], RegExp][] = [
      [['--pipeline', 'p'], /--workteam-arn is required \(repeat it for more than one\)/],
      [['--workteam-arn', TEAM], /--pipeline is required/],
      [['--workteam-arn', 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/x', '--pipeline', 'p'], /--workteam-arn arn:aws:sagemaker:us-east-1:111122223333:labeling-job\/x is not a work team ARN/],
      [['--workteam-arn', `${TEAM},${TEAM}2`, '--pipeline', 'p'], /is not a work team ARN/],
      [['--workteam-arn', TEAM, '--pipeline', 'my_pipeline'], /--pipeline my_pipeline is not a pipeline name/],
      [['--workteam-arn', TEAM, '--pipeline', 'p', '--lambda-arn', 'pre'], /--lambda-arn pre is not a Lambda function ARN/],
    ];
    const puts = emulator.count('PutObject');
    for (const [flags, message] of usage) {
      const bad = capture();
      assert.equal(await runCommand('labeling deploy', labelingDeployCommand, [...base, ...flags], bad.io), 2, flags.join(' '));
      assert.match(bad.text.err, message);
    }
    assert.equal(emulator.count('PutObject'), puts, 'nothing uploaded');
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
});

/** An Io that keeps what the command writes. */
function capture(): { io: Io; text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  const io: Io = { out: (t) => void (text.out += t), err: (t) => void (text.err += t), isTTY: false, errTTY: false };
  return { io, text };
}
