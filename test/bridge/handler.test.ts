import { DescribeLabelingJobCommand, DescribePipelineExecutionCommand, ListLabelingJobsCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEventHandler, createSweepHandler } from '../../containers/labeling-bridge/completion.js';
import { createCallbackHandler } from '../../containers/labeling-bridge/handler.js';
import { EXECUTION_TAG, STEP_TAG, TOKEN_TAG } from '../../containers/labeling-bridge/tags.js';
import { STEP_TAG as COMPILER_STEP_TAG } from '../../src/steps/ground-truth.js';
import { BUCKET, compileAndUpload, jobEvent, MANIFEST, putObject, spec, sqsEvent, startPipeline, startWorld, steps, type World } from './world.js';

/**
 * The bridge's handlers against the emulator, with real SDK clients: a pipeline whose only step
 * is a ground-truth step, run by the emulator, its callback messages handed to the SQS handler.
 */
let world: World;
let handle: ReturnType<typeof createCallbackHandler>;

before(async () => {
  world = await startWorld();
  handle = createCallbackHandler(world.bridge, world.config);
  await putObject(world, MANIFEST, '{"id": "q1", "source": "Hi?", "responses": ["a", "b"]}\n');
});
after(() => world.stop());

/** Starts the pipeline and returns its execution and the first callback message. */
async function begin(extra = '') {
  const execution = await startPipeline(world, await compileAndUpload(world, spec(extra)));
  return { execution, message: await world.nextMessage() };
}

async function jobFor(token: string) {
  const listed = await world.sagemaker.send(new ListLabelingJobsCommand({ NameContains: token.toLowerCase() }));
  assert.equal(listed.LabelingJobSummaryList?.length, 1, `one job for token ${token}`);
  return world.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: listed.LabelingJobSummaryList?.[0]?.LabelingJobName }));
}

async function failureReason(execution: string): Promise<string | undefined> {
  return (await steps(world, execution)).find((s) => s.StepName === 'Rank')?.FailureReason;
}

test('the compiler and the bridge agree on the step tag', () => {
  assert.equal(STEP_TAG, COMPILER_STEP_TAG);
});

test('an Executing message creates the labeling job: the compiled request, a derived name, the token tagged', async () => {
  const { message } = await begin();
  assert.deepEqual(await handle(sqsEvent(message)), { batchItemFailures: [] });
  const job = await jobFor(message.token);
  assert.match(job.LabelingJobName ?? '', new RegExp(`^smp-rank-[a-z0-9]+-${message.token.toLowerCase()}$`));
  assert.ok((job.LabelingJobArn ?? '').endsWith(`/${job.LabelingJobName}`), 'the ARN names the job as is');
  assert.ok((job.LabelingJobName ?? '').length <= 63);
  assert.equal(job.LabelingJobStatus, 'InProgress');
  assert.equal(job.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri, MANIFEST);
  assert.equal(job.HumanTaskConfig?.NumberOfHumanWorkersPerDataObject, 1);
  const tags = Object.fromEntries((job.Tags ?? []).map((t) => [t.Key, t.Value]));
  assert.equal(tags[TOKEN_TAG], message.token);
  assert.equal(tags[EXECUTION_TAG], message.pipelineExecutionArn);
  assert.equal(tags[STEP_TAG], 'Rank');
});

test('a duplicated message (SQS delivers at least once) finds the job it created: one job, no failure', async () => {
  const { message } = await begin();
  const creates = world.emulator.count('CreateLabelingJob');
  assert.deepEqual(await handle(sqsEvent(message, message)), { batchItemFailures: [] });
  assert.deepEqual(await handle(sqsEvent(message)), { batchItemFailures: [] });
  assert.equal(world.emulator.count('CreateLabelingJob') - creates, 3, 'asked three times');
  await jobFor(message.token);
  assert.ok(world.logs.some((l) => l.message.includes('already exists')));
});

test('completion by EventBridge event: success with OutputManifestUri and LabelingJobArn, the execution moves on', async () => {
  const { execution, message } = await begin();
  await handle(sqsEvent(message));
  const job = await jobFor(message.token);
  const output = `s3://${BUCKET}/smpipe/labels/${job.LabelingJobName}/manifests/output/output.manifest`;
  world.emulator.completeLabelingJob(job.LabelingJobName as string, output);
  assert.equal(await createEventHandler(world.bridge)(jobEvent(job.LabelingJobArn as string, 'Completed')), 'reported');
  assert.equal(await world.emulator.waitForExecution(execution), 'Succeeded');
  const rank = (await steps(world, execution)).find((s) => s.StepName === 'Rank');
  assert.deepEqual(rank?.Metadata?.Callback?.OutputParameters, [
    { Name: 'OutputManifestUri', Value: output },
    { Name: 'LabelingJobArn', Value: job.LabelingJobArn },
  ]);
});

test('a failed labeling job fails the step with Ground Truth\'s reason', async () => {
  const { execution, message } = await begin();
  await handle(sqsEvent(message));
  const job = await jobFor(message.token);
  world.emulator.failLabelingJob(job.LabelingJobName as string, 'Workteam has no workers.');
  await createEventHandler(world.bridge)(jobEvent(job.LabelingJobArn as string, 'Failed'));
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  assert.match((await failureReason(execution)) ?? '', /failed: Workteam has no workers\./);
});

test('the sweep answers a finished job whose event was lost, and answering twice changes nothing', async () => {
  const { execution, message } = await begin();
  await handle(sqsEvent(message));
  const job = await jobFor(message.token);
  world.emulator.completeLabelingJob(job.LabelingJobName as string, `s3://${BUCKET}/out.manifest`);
  const first = await createSweepHandler(world.bridge)();
  assert.equal(first[job.LabelingJobName as string], 'reported');
  assert.equal(await world.emulator.waitForExecution(execution), 'Succeeded');
  // The emulator keeps no tags of its own on labeling jobs (AddTags goes to moto), so the job is
  // not marked answered: the second answer repeats the first ClientRequestToken and is a no-op.
  const second = await createSweepHandler(world.bridge)();
  assert.ok(['reported', 'already-reported'].includes(second[job.LabelingJobName as string] as string));
  const described = await world.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: execution }));
  assert.equal(described.PipelineExecutionStatus, 'Succeeded');
});

test('events that are not about a finished job of ours are ignored', async () => {
  const handler = createEventHandler(world.bridge);
  assert.equal(await handler({ 'detail-type': 'SageMaker Training Job State Change', resources: ['arn:aws:sagemaker:us-east-1:111122223333:training-job/x'] }), 'ignored');
  const { message } = await begin();
  await handle(sqsEvent(message));
  const job = await jobFor(message.token);
  assert.equal(await handler(jobEvent(job.LabelingJobArn as string, 'InProgress')), 'not-finished');
});

test('stop during labeling: the Stopping message stops the job and ends the step; the execution stops', async () => {
  const { execution, message } = await begin();
  await handle(sqsEvent(message));
  await world.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: execution, ClientRequestToken: `stop-${message.token}-000000000000000000000000` }));
  const stopping = await world.nextMessage();
  assert.equal(stopping.status, 'Stopping');
  assert.deepEqual(await handle(sqsEvent(stopping)), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Stopped');
  assert.equal(world.emulator.requests.filter((r) => r.action === 'StopLabelingJob' && String((r.params as { LabelingJobName?: string }).LabelingJobName).endsWith(message.token.toLowerCase())).length, 1);
  const job = await jobFor(message.token);
  assert.ok(['Stopping', 'Stopped'].includes(job.LabelingJobStatus as string));
});

test('a Stopping message before the job exists still ends the step', async () => {
  const { execution, message } = await begin();
  await world.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: execution, ClientRequestToken: `stop-early-${message.token}-0000000000000000000` }));
  const stopping = await world.nextMessage();
  assert.deepEqual(await handle(sqsEvent(stopping)), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Stopped');
});

test('malformed messages: unreadable ones go back to the queue (then the DLQ), readable ones fail the step', async () => {
  const result = await handle(sqsEvent('not json', JSON.stringify({ arguments: {} }), JSON.stringify({ token: 'tok/../..' })));
  assert.equal(result.batchItemFailures.length, 3);
  const { execution, message } = await begin();
  const broken = { ...message, arguments: { ...message.arguments, RoleArn: undefined, HumanTaskConfig: { TaskTitle: 'x' } } };
  assert.deepEqual(await handle(sqsEvent(broken)), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  assert.match((await failureReason(execution)) ?? '', /^labeling bridge: the step's arguments lack RoleArn, HumanTaskConfig\.WorkteamArn/);
});

test('an unknown status fails the step with the reason', async () => {
  const { execution, message } = await begin();
  assert.deepEqual(await handle(sqsEvent({ ...message, status: 'Paused' as never })), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  assert.match((await failureReason(execution)) ?? '', /unknown callback status "Paused"/);
});

test('a manifest missing from S3 fails the step before any labeling job exists', async () => {
  const { execution, message } = await begin(`    arguments: { InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: s3://${BUCKET}/smpipe/nothing/here.jsonl } } } }\n`);
  await handle(sqsEvent(message));
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  assert.match((await failureReason(execution)) ?? '', /not found in S3: s3:\/\/bridge-bucket\/smpipe\/nothing\/here\.jsonl/);
  const listed = await world.sagemaker.send(new ListLabelingJobsCommand({ NameContains: message.token.toLowerCase() }));
  assert.equal(listed.LabelingJobSummaryList?.length, 0);
});

test('CreateLabelingJob rejected (ValidationException): the step fails with the service\'s message', async () => {
  const { execution, message } = await begin();
  world.emulator.injectFault({ action: 'CreateLabelingJob', kind: 'error', status: 400, code: 'ValidationException', message: 'Workteam ARN not found' });
  await handle(sqsEvent(message));
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  assert.match((await failureReason(execution)) ?? '', /CreateLabelingJob smp-rank-.* failed: ValidationException: Workteam ARN not found/);
});

test('throttling beyond the SDK\'s retries returns the message to the queue; the redelivery creates the job', async () => {
  const { message } = await begin();
  world.emulator.injectFault({ action: 'CreateLabelingJob', kind: 'throttle', times: 10 });
  try {
    const first = await handle(sqsEvent(message));
    assert.equal(first.batchItemFailures.length, 1);
  } finally {
    world.emulator.clearFaults();
  }
  assert.deepEqual(await handle(sqsEvent(message)), { batchItemFailures: [] });
  await jobFor(message.token);
});
