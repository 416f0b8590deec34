/**
 * Re-runs against the emulator: start --from (selective execution, default and given reference),
 * start --version, retry, logs (--follow), and the failed job's log lines under watch.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { copyFixtures, smpipe, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const work = copyFixtures();
const spec = join(work.dir, 'reruns.yaml');
const FAST = ['--poll-interval', '0.05'];
const SCORE = { FinalMetricDataList: [{ MetricName: 'score', Value: 0.9 }] };

before(async () => {
  emulator = await startDeployEmulator();
  writeFileSync(spec, readFileSync(join(work.dir, 'small.yaml'), 'utf8').replace('pipeline: deploy-small', 'pipeline: deploy-reruns'));
  emulator.configureStep('Train', { status: 'Succeeded', outputs: SCORE });
  assert.equal((await smpipe('upsert', [spec])).code, 0);
});
after(async () => {
  await emulator.stop();
  work.cleanup();
});

function startedArn(out: string): string {
  const arn = /^(?:started|retrying) (arn:\S+)$/m.exec(out)?.[1];
  assert.ok(arn, out);
  return arn;
}

function sent(action: string): Record<string, unknown>[] {
  return emulator.requests.filter((r) => r.action === action).map((r) => r.params as Record<string, unknown>);
}

test('start --from Train: Train and everything downstream run; Prepare is reused from the latest succeeded execution', async () => {
  const first = await smpipe('start', [spec, '--wait', ...FAST]);
  assert.equal(first.code, 0, first.err);
  const reference = startedArn(first.out);
  emulator.clearRequests();
  const run = await smpipe('start', [spec, '--from', 'Train', '--param', 'Beta=0.5', '--wait', ...FAST]);
  assert.equal(run.code, 0, run.err);
  const start = sent('StartPipelineExecution')[0] as { SelectiveExecutionConfig: unknown; PipelineParameters: unknown };
  assert.deepEqual(start.SelectiveExecutionConfig, { SourcePipelineExecutionArn: reference, SelectedSteps: ['Train', 'Gate', 'Register', 'TooWeak'].map((StepName) => ({ StepName })) });
  assert.deepEqual(start.PipelineParameters, [{ Name: 'Beta', Value: '0.5' }]);
  assert.match(run.out, new RegExp(`runs Train, Gate, Register, TooWeak; the steps they read are reused from ${reference.split('/').pop()}\\n`));
  assert.match(run.out, new RegExp(`\\nPrepare +Succeeded \\(reused from ${reference.split('/').pop()}\\)`));
  assert.match(run.out, /\nTrain +Succeeded +\d/, 'Train ran (a new Beta: no cache hit)');
  assert.ok(emulator.requests.some((r) => r.action === 'ListPipelineExecutions'), 'the latest succeeded execution was looked up');
});

test('start --from: an unknown step, a running reference, --reference without --from', async () => {
  const unknown = await smpipe('start', [spec, '--from', 'Trian']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /error SMP9035: --from Trian: the pipeline has no step Trian \(did you mean Train\?\)/);
  emulator.configureStep('Prepare', { status: 'Succeeded', durationMs: 5000 });
  const running = startedArn((await smpipe('start', [spec, '--param', 'Rank=32', '--param', 'Beta=0.33', '--no-preflight'])).out);
  const busy = await smpipe('start', [spec, '--from', 'Train', '--reference', running.split('/').pop() as string]);
  assert.equal(busy.code, 1);
  assert.match(busy.err, /error SMP9037: --reference \w+ is Executing; a selective execution reuses steps of a Succeeded or Failed execution/);
  assert.equal((await smpipe('stop', [running])).code, 0);
  emulator.configureStep('Prepare', { status: 'Succeeded' });
  const usage = await smpipe('start', [spec, '--reference', running]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /--reference applies to --from/);
});

test('start NAME --version N runs that version, checking parameters against its definition', async () => {
  const edited = readFileSync(spec, 'utf8').replace('  MinScore: { type: float, default: 0.5 }\n', '  MinScore: { type: float, default: 0.5 }\n  Extra: { type: string, default: x }\n').replace('message: score below ${params.MinScore}', 'message: score below ${params.MinScore} ${params.Extra}');
  writeFileSync(spec, edited);
  assert.equal((await smpipe('upsert', [spec])).code, 0);
  const old = await smpipe('start', ['deploy-reruns', '--version', '1', '--param', 'Extra=y']);
  assert.equal(old.code, 1);
  assert.match(old.err, /SMP9003: unknown parameter Extra/);
  emulator.clearRequests();
  const ok = await smpipe('start', ['deploy-reruns', '--version', '1', '--no-preflight']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(sent('StartPipelineExecution')[0]?.PipelineVersionId, 1);
  assert.equal(sent('DescribePipeline')[0]?.PipelineVersionId, 1);
  const missing = await smpipe('start', ['deploy-reruns', '--version', '9']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /SMP9009: pipeline deploy-reruns has no version 9/);
  const bad = await smpipe('start', ['deploy-reruns', '--version', 'two']);
  assert.equal(bad.code, 2);
});

test('retry: the failed step runs again in the same execution; a succeeded execution is refused', async () => {
  emulator.configureStep('Train', { status: 'Failed', failureReason: 'CapacityError: no ml.g5.2xlarge capacity', logs: ['loading model', 'CUDA out of memory'] });
  const failed = await smpipe('start', [spec, '--param', 'Beta=0.7', '--wait', ...FAST]);
  assert.equal(failed.code, 1);
  const arn = startedArn(failed.out);
  assert.match(failed.out, /\nlast 2 lines of Train's log \(\/aws\/sagemaker\/TrainingJobs, pipelines-\w+-train-\w+\):\n {2}\[Train\] loading model\n {2}\[Train\] CUDA out of memory\n {2}\(all of it: smpipe logs \S+ Train\)\n/);
  emulator.configureStep('Train', { status: 'Succeeded', outputs: SCORE });
  emulator.clearRequests();
  const retried = await smpipe('retry', [arn, '--wait', ...FAST]);
  assert.equal(retried.code, 0, retried.err);
  assert.equal(startedArn(retried.out), arn);
  assert.match(String(sent('RetryPipelineExecution')[0]?.ClientRequestToken), /^[0-9a-f-]{36}$/);
  assert.match(retried.out, /\nTrain +Succeeded \(try 2\)/);
  assert.match(retried.out, /\nexecution Succeeded\n/);
  const again = await smpipe('retry', [arn]);
  assert.equal(again.code, 1);
  assert.match(again.err, /error SMP9039: execution \S+ is Succeeded; only a Failed execution can be retried\n {2}hint: nothing failed/);
});

test('logs: every job, one step, --follow until the end; a step without a job or not run is refused', async () => {
  emulator.configureStep('Prepare', { status: 'Succeeded', logs: ['reading 12 files', 'wrote train'] });
  emulator.configureStep('Train', { status: 'Succeeded', outputs: SCORE, logs: ['epoch 1 loss=0.5'], durationMs: 400 });
  const started = await smpipe('start', [spec, '--param', 'Rank=8', '--param', 'Beta=0.9', '--no-preflight']);
  const arn = startedArn(started.out);
  const followed = await smpipe('logs', [arn, '--follow', ...FAST]);
  assert.equal(followed.code, 0, followed.err);
  assert.equal(followed.out, '[Prepare] reading 12 files\n[Prepare] wrote train\n[Train] epoch 1 loss=0.5\n');
  assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
  const train = await smpipe('logs', [arn, 'Train']);
  assert.equal(train.out, '[Train] epoch 1 loss=0.5\n');
  const gate = await smpipe('logs', [arn, 'Gate']);
  assert.equal(gate.code, 1);
  assert.match(gate.err, /error SMP9036: step Gate runs no job/);
  const typo = await smpipe('logs', [arn, 'Prepar']);
  assert.match(typo.err, /error SMP9035: this execution ran no step Prepar \(did you mean Prepare\?\)/);
  assert.equal((await smpipe('logs', [])).code, 2);
});
