/**
 * smpipe preflight against the emulator: the flagship in an empty account (every finding with its
 * code and fix), the same account set up (only warnings), the gate in upsert and start, lookups
 * denied (warnings, never failures), and the roles' trust policy.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateWorkteamCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { Emulator } from '../emulator/index.js';
import { trusts } from '../../src/deploy/preflight/roles.js';
import { copyFixtures, createBucket, smpipe, startDeployEmulator, TRUST_SAGEMAKER } from './harness.js';

let emulator: Emulator;
const work = copyFixtures();
const FLAGSHIP = 'pipeline-specs/llama3-dpo.yaml';
const VARS = ['--vars', 'pipeline-specs/vars/example.yaml'];
const ACCOUNT = 'arn:aws:iam::111122223333';

before(async () => {
  emulator = await startDeployEmulator();
});
after(async () => {
  await emulator.stop();
  work.cleanup();
});

const codes = (text: string): string[] => [...text.matchAll(/^ {2}(?:error|warning) +(SMP\d{4})/gm)].map((m) => m[1] as string);

function client<T>(Make: new (config: object) => T): T {
  return new Make({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
}

test('the flagship in an empty account: every missing thing and every short quota, each with a fix, exit 1, nothing written', async () => {
  emulator.clearRequests();
  const run = await smpipe('preflight', [FLAGSHIP, ...VARS]);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /^Preflight llama3-dpo-alignment \(us-east-1\): \d+ errors, \d+ warnings\n/);
  assert.match(run.out, /\n {2}error {3}SMP9040 {2}TrainDPO: request a quota increase for ml\.g5\.48xlarge for training job usage: current 0, needed 1\n {6}fix: Service Quotas console → AWS services → Amazon SageMaker → "ml\.g5\.48xlarge for training job usage" → Request increase at account level to 1 \(region us-east-1\)\n/);
  assert.match(run.out, /SMP9040 {2}GenerateResponses: request a quota increase for ml\.g5\.12xlarge for processing job usage: current 0, needed 1/);
  assert.match(run.out, /SMP9041 {2}TrainDPO: request a quota increase for ml\.p4d\.24xlarge for training job usage: current 0, needed 1 \(only a run that picks it; the default does not\)/);
  assert.match(run.out, /SMP9043 {2}role arn:aws:iam::111122223333:role\/SageMakerExecutionRole does not exist/);
  assert.match(run.out, /SMP9045 {2}S3 bucket example-bucket-111122223333 does not exist/);
  assert.match(run.out, /SMP9046 {2}SQS queue https:\/\/sqs\.us-east-1\.amazonaws\.com\/111122223333\/smpipe-labeling does not exist/);
  assert.match(run.out, /SMP9047 {2}Ground Truth work team \S+\/example-bank-labelers does not exist/);
  assert.match(run.out, /SMP9048 {2}Lambda function \S+:function:smpipe-labeling-pre-LabelingFunction does not exist/);
  assert.match(run.out, /SMP9049 {2}Secrets Manager secret \S+:secret:hf-token-AbCdEf does not exist/);
  assert.match(run.out, /SMP9052 {2}GenerateResponses: no maxRuntime/);
  assert.match(run.out, /\nCost, worst case per execution \(on-demand USD, us-east-1 prices of \d{4}-\d\d-\d\d;/);
  assert.match(run.out, /\n {2}TrainDPO +ml\.p4d\.24xlarge × 1 +24 +37\.688\* +\$904\.51\n/);
  assert.match(run.out, /\n {2}Endpoint EndpointConfig: ml\.g5\.12xlarge × 1 at \$7\.09\*\/hour while it runs \(not in the total\)\n/);
  const writes = emulator.requests.filter((r) => /^(Create|Put|Update|Start|Delete)/.test(r.action));
  assert.deepEqual(writes, [], 'preflight only reads');
});

test('the flagship in an account set up for it: no errors, exit 0', async () => {
  const iam = client(IAMClient);
  for (const name of ['SageMakerExecutionRole', 'SageMakerGroundTruthLabeling']) await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_SAGEMAKER }));
  iam.destroy();
  await createBucket(emulator, 'example-bucket-111122223333');
  const sqs = client(SQSClient);
  await sqs.send(new CreateQueueCommand({ QueueName: 'smpipe-labeling' }));
  sqs.destroy();
  const sagemaker = client(SageMakerClient);
  await sagemaker.send(new CreateWorkteamCommand({ WorkteamName: 'example-bank-labelers', Description: 'rankers', MemberDefinitions: [] }));
  sagemaker.destroy();
  const lambda = client(LambdaClient);
  for (const name of ['smpipe-labeling-pre-LabelingFunction', 'smpipe-labeling-acs-LabelingFunction']) {
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: `${ACCOUNT}:role/SageMakerGroundTruthLabeling`, Handler: 'index.handler', Code: { ZipFile: Buffer.from('PK\x05\x06'.padEnd(22, '\0'), 'binary') } }));
  }
  lambda.destroy();
  const secrets = client(SecretsManagerClient);
  const secret = await secrets.send(new CreateSecretCommand({ Name: 'hf-token', SecretString: 'stored elsewhere' }));
  secrets.destroy();
  const usages: [string, string][] = [['ml.g5.48xlarge', 'training job'], ['ml.g5.12xlarge', 'training job'], ['ml.g6.12xlarge', 'training job'], ['ml.p4d.24xlarge', 'training job'],
    ['ml.g5.12xlarge', 'processing job'], ['ml.g5.2xlarge', 'processing job'], ['ml.g5.12xlarge', 'endpoint']];
  for (const [type, usage] of usages) emulator.setQuota(`${type} for ${usage} usage`, 1);
  const run = await smpipe('preflight', [FLAGSHIP, ...VARS, '--set', `hfTokenSecretArn=${secret.ARN}`]);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /^Preflight llama3-dpo-alignment \(us-east-1\): ok, 3 warnings\n/);
  assert.deepEqual(codes(run.out), ['SMP9052', 'SMP9052', 'SMP9052'], 'only the processing steps without maxRuntime');
  assert.match(run.out, /checked: 8 instance quotas, 2 roles, the artifacts bucket, 1 queue, 1 work team, 2 Lambdas, 1 secret, Experiments\n/);
});

test('a parameter choice decides error or warning: the --param value is what a run gets', async () => {
  emulator.setQuota('ml.g5.48xlarge for training job usage', 0);
  const folder = join(work.dir, 'flagship-build');
  const compiled = await smpipe('preflight', [FLAGSHIP, ...VARS, '--out', folder]);
  assert.match(compiled.out, /SMP9040 {2}TrainDPO: request a quota increase for ml\.g5\.48xlarge for training job usage: current 0, needed 1/);
  const other = await smpipe('preflight', [folder, '--param', 'TrainingInstanceType=ml.g5.12xlarge']);
  assert.match(other.out, /SMP9041 {2}TrainDPO: request a quota increase for ml\.g5\.48xlarge for training job usage: current 0, needed 1 \(only a run/);
  assert.doesNotMatch(other.out, /SMP9040/);
  assert.match(other.out, /\n {2}TrainDPO +ml\.p4d\.24xlarge × 1/, 'the worst case still prices the dearest allowed type');
  emulator.setQuota('ml.g5.48xlarge for training job usage', 1);
});

test('no permission to look something up is a warning (SMP9038), never a failure', async () => {
  emulator.injectFault({ action: 'ListServiceQuotas', kind: 'error', status: 400, code: 'AccessDeniedException', message: 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: servicequotas:ListServiceQuotas' });
  emulator.injectFault({ action: 'GetRole', kind: 'error', status: 403, code: 'AccessDenied', message: 'not authorized to perform: iam:GetRole', times: 2 });
  const run = await smpipe('preflight', [join(work.dir, 'small.yaml')]);
  emulator.clearFaults();
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /warning SMP9038 {2}Service Quotas for SageMaker instances was not checked: no permission for servicequotas:ListServiceQuotas\n {6}fix: allow servicequotas:ListServiceQuotas/);
  assert.match(run.out, /warning SMP9038 {2}role arn:aws:iam::111122223333:role\/Pipeline was not checked: no permission for iam:GetRole/);
});

test('upsert and start stop on a preflight error before writing or starting; --no-preflight skips it', async () => {
  const spec = join(work.dir, 'untrusted.yaml');
  writeFileSync(spec, readFileSync(join(work.dir, 'small.yaml'), 'utf8').replace('pipeline: deploy-small', 'pipeline: deploy-untrusted').replace('role/Pipeline', 'role/Untrusted'));
  const iam = client(IAMClient);
  await iam.send(new CreateRoleCommand({ RoleName: 'Untrusted', AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  iam.destroy();
  emulator.clearRequests();
  const upsert = await smpipe('upsert', [spec]);
  assert.equal(upsert.code, 1);
  assert.match(upsert.err, /error +SMP9044 {2}role arn:aws:iam::111122223333:role\/Untrusted does not trust sagemaker\.amazonaws\.com/);
  assert.match(upsert.err, /\nsmpipe upsert: error SMP9044: preflight found 1 error \(listed above\): nothing was uploaded and the pipeline was not changed\n {2}hint: fix them and run again, or pass --no-preflight/);
  assert.match(upsert.err, /worst case: \$\d[\d,.]* per execution/);
  assert.deepEqual(emulator.requests.filter((r) => ['PutObject', 'CreatePipeline'].includes(r.action)), []);
  assert.equal((await smpipe('upsert', [spec, '--no-preflight'])).code, 0);
  emulator.clearRequests();
  const start = await smpipe('start', [spec]);
  assert.equal(start.code, 1);
  assert.match(start.err, /SMP9044: preflight found 1 error \(listed above\): no execution was started/);
  assert.equal(emulator.count('StartPipelineExecution'), 0);
  assert.equal((await smpipe('start', [spec, '--no-preflight'])).code, 0);
});

test('a trust policy counts only when it allows sagemaker.amazonaws.com to sts:AssumeRole', () => {
  const doc = (statement: object) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
  assert.equal(trusts(doc([{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'sagemaker.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }])), true);
  assert.equal(trusts(doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' })), true);
  assert.equal(trusts(doc([{ Effect: 'Deny', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }])), false);
  assert.equal(trusts(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }])), false);
  assert.equal(trusts('not json'), false);
  assert.equal(trusts(undefined), false);
});
