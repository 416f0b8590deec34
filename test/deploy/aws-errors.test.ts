import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { smpipe, SMALL, startDeployEmulator } from './harness.js';

let emulator: Emulator;

before(async () => {
  emulator = await startDeployEmulator();
});
afterEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});
after(() => emulator.stop());

/** Runs with some environment variables changed, restoring them after. */
async function withEnv<T>(changes: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  };
  apply(changes);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

function assertActionable(run: { code: number; err: string }, pattern: RegExp): void {
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, pattern);
  assert.doesNotMatch(run.err, /\n\s+at .*:\d+:\d+/, 'no stack trace');
}

test('missing credentials: how to configure them, and no request sent', async () => {
  const run = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, () => smpipe('plan', [SMALL]));
  assertActionable(run, /^compiled \S+ to \S+\nsmpipe plan: error SMP9004: no AWS credentials found \(.*\)\n {2}hint: in SageMaker Studio .*aws sso login --profile NAME/);
  assert.equal(emulator.requests.length, 0);
  const profile = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, () => smpipe('plan', [SMALL, '--profile', 'nosuchprofile']));
  assertActionable(profile, /error SMP9004: no AWS credentials found for profile nosuchprofile \(.*\)\n {2}hint: .*aws sso login --profile nosuchprofile/);
});

test('a credential source that never answers ends in bounded time: SMP9016, no request sent', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-slow-creds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'config'), '[profile slow]\ncredential_process = sleep 3\n');
  const run = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: join(dir, 'config') }, () =>
    smpipe('plan', [SMALL, '--profile', 'slow', '--connect-timeout', '0.1', '--request-timeout', '0.1']));
  assertActionable(run, /error SMP9016: loading AWS credentials took longer than 0\.4 s\n {2}hint: check the network to the credential source/);
  assert.equal(emulator.requests.length, 0);
});

test('no region anywhere (none compiled in, none configured): SMP9008', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-no-region-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = join(dir, 'no-region.yaml');
  writeFileSync(spec, 'pipeline: deploy-no-region\ndefaults: { role: "arn:aws:iam::111122223333:role/Pipeline" }\nsteps:\n  Stop: { kind: fail, message: stop }\n');
  const run = await withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined }, () => smpipe('upsert', [spec]));
  assertActionable(run, /^compiled \S+ to \S+\nsmpipe upsert: error SMP9008: no AWS region configured\n {2}hint: pass --region REGION/);
});

test('the region compiled in wins over AWS_REGION; --region naming another is SMP9015, before any request', async () => {
  const elsewhere = await withEnv({ AWS_REGION: 'eu-west-1' }, () => smpipe('plan', [SMALL]));
  assert.equal(elsewhere.code, 2, elsewhere.err);
  assert.match(elsewhere.out, /^Pipeline deploy-small \(us-east-1\): create\n/);
  emulator.clearRequests();
  const run = await smpipe('plan', [SMALL, '--region', 'eu-west-1']);
  assertActionable(run, /error SMP9015: pipeline deploy-small was compiled for us-east-1 \(image URIs, sagemaker_region\), not --region eu-west-1\n {2}hint: compile for eu-west-1 \(--set region=eu-west-1/);
  assert.equal(emulator.requests.length, 0);
});

test('AccessDenied names the action and the resource (SageMaker from its message, S3 from the call)', async () => {
  const message = 'User: arn:aws:sts::111122223333:assumed-role/Dev/me is not authorized to perform: sagemaker:DescribePipeline on resource: arn:aws:sagemaker:us-east-1:111122223333:pipeline/deploy-small because no identity-based policy allows the sagemaker:DescribePipeline action';
  emulator.injectFault({ action: 'DescribePipeline', kind: 'error', status: 400, code: 'AccessDeniedException', message });
  assertActionable(await smpipe('plan', [SMALL]), /^compiled \S+ to \S+\nsmpipe plan: error SMP9005: access denied: arn:aws:sts::111122223333:assumed-role\/Dev\/me may not sagemaker:DescribePipeline on arn:aws:sagemaker:us-east-1:111122223333:pipeline\/deploy-small\n/);
  emulator.injectFault({ action: 'PutObject', kind: 'error', status: 403, code: 'AccessDenied', message: 'Access Denied' });
  assertActionable(await smpipe('upsert', [SMALL]), /error SMP9005: access denied: your AWS identity may not s3:PutObject on s3:\/\/deploy-test-bucket\/smpipe\/deploy-small\/assets\//);
  assert.equal(emulator.count('CreatePipeline'), 0);
});

test('a ValidationException naming a step points at the step in the YAML', async () => {
  emulator.injectFault({ action: 'CreatePipeline', kind: 'error', status: 400, code: 'ValidationException', message: "Step 'Train': Invalid value for HyperParameters" });
  const run = await smpipe('upsert', [SMALL]);
  assertActionable(run, /^test\/deploy\/fixtures\/small\.yaml:32:3: error SMP9001: SageMaker rejected the definition \(CreatePipeline\): Step 'Train': Invalid value for HyperParameters\n/m);
  assert.match(run.err, /\n32 \| {3}Train:\n/);
});

test('a role that does not exist points at defaults.role', async () => {
  const message = 'Could not assume role arn:aws:iam::111122223333:role/Pipeline. Please ensure that the role exists and allows principal sagemaker.amazonaws.com to assume the role.';
  emulator.injectFault({ action: 'CreatePipeline', kind: 'error', status: 400, code: 'ValidationException', message });
  assertActionable(await smpipe('upsert', [SMALL]), /^test\/deploy\/fixtures\/small\.yaml:15:3: error SMP9002: SageMaker cannot use the pipeline role: Could not assume role/m);
});

test('a bucket in another region says which region, from a 301 or a malformed-authorization answer', async () => {
  emulator.injectFault({ action: 'HeadObject', kind: 'error', status: 301, code: 'PermanentRedirect', message: 'The bucket you are attempting to access must be addressed using the specified endpoint.' });
  assertActionable(await smpipe('plan', [SMALL]), /error SMP9006: S3 bucket deploy-test-bucket is in another region, but this deploy targets us-east-1\n/);
  emulator.injectFault({ action: 'PutObject', kind: 'error', status: 400, code: 'AuthorizationHeaderMalformed', message: "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'" });
  const far = await smpipe('upsert', [SMALL, '--set', 'bucket=far-away-bucket', '--no-preflight']);
  assertActionable(far, /error SMP9006: S3 bucket far-away-bucket is in eu-west-1, but this deploy targets us-east-1\n {2}hint: .*--region eu-west-1/);
});

test('a bucket that does not exist: SMP9011 naming it', async () => {
  assertActionable(await smpipe('upsert', [SMALL, '--set', 'bucket=no-such-bucket-anywhere', '--no-preflight']), /error SMP9011: S3 bucket no-such-bucket-anywhere does not exist/);
});

test('a pipeline that does not exist: start and executions by name say so', async () => {
  assertActionable(await smpipe('start', ['no-such-pipeline']), /^smpipe start: error SMP9009: pipeline no-such-pipeline does not exist in us-east-1\n/);
  assertActionable(await smpipe('executions', ['no-such-pipeline']), /error SMP9009/);
});
