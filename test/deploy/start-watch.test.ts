import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { smpipe, SMALL, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const FAST = ['--poll-interval', '0.05'];
const SCORE = { FinalMetricDataList: [{ MetricName: 'score', Value: 0.9 }] };

before(async () => {
  emulator = await startDeployEmulator();
  assert.equal((await smpipe('upsert', [SMALL])).code, 0);
  emulator.clearRequests();
});
after(() => emulator.stop());

function startedArn(out: string): string {
  const arn = /^started (arn:\S+)$/m.exec(out)?.[1];
  assert.ok(arn, out);
  return arn;
}

test('start SPEC with bad parameters is rejected before any AWS call', async () => {
  const run = await smpipe('start', [SMALL, '--param', 'Beta=high', '--param', 'Rank=12', '--param', 'InstanceType=ml.p5.48xlarge', '--param', 'Bet=1']);
  assert.equal(run.code, 1);
  assert.match(run.err, /^compiled \S+ to \S+\nsmpipe start: error SMP9003: parameter Beta is a float, got "high"\n {2}parameter Rank must be one of 8, 16, 32, got "12"\n {2}parameter InstanceType must be one of "ml\.m5\.xlarge", "ml\.m5\.2xlarge", got "ml\.p5\.48xlarge"\n {2}unknown parameter Bet \(did you mean Beta\?\)\n {2}hint: parameters: InstanceType/);
  assert.equal(emulator.requests.length, 0);
  const name = await smpipe('start', [SMALL, '--display-name', 'nightly run!']);
  assert.equal(name.code, 1);
  assert.match(name.err, /SMP9003: --display-name "nightly run!" is not a valid execution display name/);
  assert.equal(emulator.requests.length, 0);
});

const HF_TOKEN = `hf_${'a1B2c3D4e5'.repeat(4)}`;

test('a secret in --param or --description is refused before any compile or AWS call; a Secrets Manager ARN is not a secret', async () => {
  emulator.clearRequests();
  const byName = await smpipe('start', ['deploy-small', '--param', `Note=${HF_TOKEN}`]);
  assert.equal(byName.code, 1);
  assert.match(byName.err, /^smpipe start: error SMP7003: --param Note holds a Hugging Face token \(hf_a… 43 characters\): execution parameters are readable by anyone who can describe the execution\n {2}hint: store it in AWS Secrets Manager and pass the secret ARN/);
  assert.ok(!byName.err.includes(HF_TOKEN), 'the token is never printed');
  const described = await smpipe('start', [SMALL, '--description', 'run with AKIAIOSFODNN7EXAMPLE']);
  assert.equal(described.code, 1);
  assert.match(described.err, /^smpipe start: error SMP7001: --description holds an AWS access key id/);
  assert.equal(emulator.requests.length, 0);
  const reference = await smpipe('start', [SMALL, '--param', `InstanceType=arn:aws:secretsmanager:us-east-1:111122223333:secret:${HF_TOKEN}`]);
  assert.match(reference.err, /error SMP9003: parameter InstanceType must be one of/, 'checked as a parameter, not refused as a secret');
});

test('start NAME checks parameters against the deployed definition: only DescribePipeline is called', async () => {
  emulator.clearRequests();
  const run = await smpipe('start', ['deploy-small', '--param', 'InstanceType=ml.t3.medium']);
  assert.equal(run.code, 1);
  assert.match(run.err, /SMP9003: parameter InstanceType must be one of "ml\.m5\.xlarge", "ml\.m5\.2xlarge"/);
  assert.deepEqual(emulator.requests.map((r) => r.action), ['DescribePipeline']);
});

test('start SPEC --wait follows the run to success: exit 0, typed parameters sent, table of steps', async () => {
  emulator.configureStep('Train', { status: 'Succeeded', outputs: SCORE });
  emulator.clearRequests();
  const run = await smpipe('start', [SMALL, '--param', 'Beta=0.30', '--param', 'Rank=+32', '--display-name', 'nightly-1', '--wait', ...FAST]);
  assert.equal(run.code, 0, run.err);
  const arn = startedArn(run.out);
  assert.match(run.out, /\n {2}console: https:\/\/us-east-1\.console\.aws\.amazon\.com\/sagemaker\/home\?region=us-east-1#\/pipelines\/deploy-small\/executions\/\w+\n/);
  const start = emulator.requests.find((r) => r.action === 'StartPipelineExecution')?.params as Record<string, unknown>;
  assert.deepEqual(start.PipelineParameters, [{ Name: 'Beta', Value: '0.3' }, { Name: 'Rank', Value: '32' }]);
  assert.equal(start.PipelineExecutionDisplayName, 'nightly-1');
  assert.match(run.out, /\nSTEP +STATUS +STARTED +DURATION +JOB\n/);
  assert.match(run.out, /\nPrepare +Succeeded .*processing-job\//);
  assert.match(run.out, /\nGate +Succeeded .*outcome True/);
  assert.match(run.out, /\nexecution Succeeded\n$/);
  assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
});

test('watch follows a failing run: the failure reason under its step, exit 1', async () => {
  emulator.configureStep('Train', { status: 'Failed', failureReason: 'AlgorithmError: loss is NaN' });
  const started = await smpipe('start', ['deploy-small']);
  assert.equal(started.code, 0, started.err);
  const run = await smpipe('watch', [startedArn(started.out), ...FAST]);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /\nTrain +Failed .*\n {4}↳ AlgorithmError: loss is NaN\n/);
  assert.match(run.out, /\nexecution Failed/);
  assert.match(run.out, /^\d\d:\d\d:\d\d {2}Prepare {2}(Executing|Starting|Succeeded)/m, 'one line per change when not a terminal');
});

test('on a terminal the table is redrawn in place', async () => {
  emulator.configureStep('Train', { status: 'Succeeded', outputs: SCORE, durationMs: 300 });
  const started = await smpipe('start', ['deploy-small']);
  const run = await smpipe('watch', [startedArn(started.out), ...FAST], true);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /\x1b\[\d+A\r\x1b\[J/);
});

test('executions lists recent runs, newest first, each with the steps it reused from the cache', async () => {
  const run = await smpipe('executions', [SMALL, '--limit', '2']);
  assert.equal(run.code, 0, run.err);
  const lines = run.out.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0] ?? '', /^STARTED \(UTC\) +STATUS +NAME +ARN$/);
  assert.match(lines[1] ?? '', /Succeeded/);
  // The newest run took Prepare from the failed run before it (same parameters, so the same key); Train failed there, so it ran.
  const failed = /execution\/(\w+)$/.exec(lines[3] ?? '')?.[1];
  assert.equal(lines[2], `    cache hits from ${failed}: Prepare`);
  assert.match(lines[3] ?? '', /Failed/);
});

test('stop --wait: a stopped run exits 1', async () => {
  emulator.configureStep('Prepare', { status: 'Succeeded', durationMs: 20_000 });
  const started = await smpipe('start', ['deploy-small']);
  const run = await smpipe('stop', [startedArn(started.out), '--wait', ...FAST]);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /\nexecution Stopped/);
});

test('watch rejects what is not an execution ARN', async () => {
  const run = await smpipe('watch', ['deploy-small']);
  assert.equal(run.code, 2);
  assert.match(run.err, /not a pipeline execution ARN/);
});
