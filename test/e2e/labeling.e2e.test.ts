import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeLabelingJobCommand, ListLabelingJobsCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { createEventHandler } from '../../containers/labeling-bridge/completion.js';
import { createCallbackHandler } from '../../containers/labeling-bridge/handler.js';
import type { CallbackMessage } from '../emulator/index.js';
import { buildPreferences, inputManifest, outputManifest, writeText } from '../bridge/labels.js';
import { compileAndUpload, deployedFor, jobEvent, putObject, sqsEvent, startPipeline, startWorld, steps, type World } from '../bridge/world.js';

/**
 * The full callback round trip of the flagship, against the emulator: GenerateResponses runs
 * (simulated), CollectPreferences (ground-truth) sends its callback message, the bridge's SQS
 * handler creates the labeling job, "Ground Truth" (this test, with the bridge's own
 * pre-annotation and consolidation Lambdas) writes the output manifest, the completion handler
 * answers, the execution goes on to BuildPreferences, and build_preferences.py turns the
 * manifest into DPO pairs. Then the ways it can go wrong.
 */
const SPEC = 'pipeline-specs/llama3-dpo.yaml';
const VARS = 'pipeline-specs/vars/example.yaml';
const BUCKET = 'example-bucket-111122223333';
const ITEMS = 10;

let world: World;
let definition: string;
let handle: ReturnType<typeof createCallbackHandler>;

before(async () => {
  // The bridge deployed as the README says, for the example vars: their team, Lambdas, role, bucket.
  const vars = parse(readFileSync(VARS, 'utf8')) as Record<string, string>;
  world = await startWorld([BUCKET], deployedFor({
    workteamArn: vars.workteamArn as string,
    preAnnotation: vars.labelingPreAnnotationLambdaArn as string,
    consolidation: vars.labelingConsolidationLambdaArn as string,
    labelingRoleArn: vars.labelingRoleArn as string,
    artifacts: `s3://${vars.bucket}/smpipe/`,
  }));
  handle = createCallbackHandler(world.bridge, world.config);
  definition = await compileAndUpload(world, readFileSync(SPEC, 'utf8'), { file: SPEC, vars: { set: [], file: { path: VARS, text: readFileSync(VARS, 'utf8') } } });
  // The quality gate reads Evaluate's report (containers/CONTRACT.md): the simulated job reports a
  // passing accuracy with its 95% Wilson interval; the gate reads lower_bound, the Fail message n and the bounds.
  const accuracy = { value: 0.8, standard_deviation: 0.05, n: 60, ties: 0, lower_bound: 0.684, upper_bound: 0.882, confidence: 0.95 };
  world.emulator.configureStep('Evaluate', { status: 'Succeeded', outputs: { PropertyFiles: { evaluation: { metrics: { preference_accuracy: accuracy } } } } });
});
after(() => world.stop());

interface Started { execution: string; message: CallbackMessage; manifestUri: string }

/** Starts the flagship and plays GenerateResponses' output: the input manifest where the step's arguments say. */
async function startFlagship(): Promise<Started> {
  const execution = await startPipeline(world, definition);
  const message = await world.nextMessage(20_000, execution);
  assert.equal(message.status, 'Executing');
  const args = message.arguments as { InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: string } } } };
  const manifestUri = args.InputConfig.DataSource.S3DataSource.ManifestS3Uri;
  assert.match(manifestUri, new RegExp(`^s3://${BUCKET}/smpipe/llama3-dpo-alignment/[a-z0-9]+/GenerateResponses/output/manifest/manifest\\.jsonl$`), 'the generate step\'s output prefix + manifest.jsonl');
  await putObject(world, manifestUri, inputManifest(ITEMS).map((l) => JSON.stringify(l)).join('\n') + '\n');
  return { execution, message, manifestUri };
}

async function jobOf(token: string) {
  const listed = await world.sagemaker.send(new ListLabelingJobsCommand({ NameContains: token.toLowerCase() }));
  assert.equal(listed.LabelingJobSummaryList?.length, 1, 'exactly one labeling job for the callback');
  return world.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: listed.LabelingJobSummaryList?.[0]?.LabelingJobName }));
}

async function stepStatus(execution: string): Promise<Record<string, string>> {
  return Object.fromEntries((await steps(world, execution)).map((s) => [s.StepName, s.StepStatus]));
}

test('e2e: callback → labeling job → output manifest → success → the execution goes on → DPO pairs', async () => {
  const { execution, message } = await startFlagship();
  assert.deepEqual(await handle(sqsEvent(message)), { batchItemFailures: [] });
  const job = await jobOf(message.token);
  assert.equal(job.LabelingJobStatus, 'InProgress');
  assert.equal(job.HumanTaskConfig?.NumberOfHumanWorkersPerDataObject, 3, 'WorkersPerItem parameter, resolved');
  assert.equal(job.LabelAttributeName, 'ranking');
  const ui = job.HumanTaskConfig?.UiConfig?.UiTemplateS3Uri as string;
  const uiHtml = await (await world.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: ui.replace(`s3://${BUCKET}/`, '') }))).Body?.transformToString();
  assert.match(uiHtml ?? '', /<crowd-text-ranking/, 'the compiled worker UI is in S3 where the job looks for it');

  // Ground Truth: workers rank, the consolidation Lambda keeps every answer, the output manifest lands under the output path.
  const output = `${job.OutputConfig?.S3OutputPath}/${job.LabelingJobName}/manifests/output/output.manifest`;
  await putObject(world, output, outputManifest(inputManifest(ITEMS), 3, job.LabelAttributeName as string, job.LabelingJobName));
  world.emulator.completeLabelingJob(job.LabelingJobName as string, output);
  assert.equal(await createEventHandler(world.bridge)(jobEvent(job.LabelingJobArn as string, 'Completed')), 'reported');

  assert.equal(await world.emulator.waitForExecution(execution, 60_000), 'Succeeded');
  const all = await steps(world, execution);
  const collect = all.find((s) => s.StepName === 'CollectPreferences');
  assert.deepEqual(collect?.Metadata?.Callback?.OutputParameters, [{ Name: 'OutputManifestUri', Value: output }, { Name: 'LabelingJobArn', Value: job.LabelingJobArn }]);
  const status = await stepStatus(execution);
  assert.equal(status.BuildPreferences, 'Succeeded', 'BuildPreferences resolved ${steps.CollectPreferences.outputs.OutputManifestUri}');
  assert.equal(status.TrainDPO, 'Succeeded');

  // What BuildPreferences would do with it: the manifest at OutputManifestUri → DPO pairs.
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-e2e-'));
  const text = await (await world.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: output.replace(`s3://${BUCKET}/`, '') }))).Body?.transformToString();
  const prefs = buildPreferences(writeText(join(dir, 'output.manifest'), text ?? ''), join(dir, 'out'), ['--test-fraction', '0.2', '--seed', '42']);
  assert.equal(prefs.status, 0, prefs.stderr);
  assert.equal(prefs.stats.pairs, ITEMS);
  assert.equal(prefs.train.length, 8);
  assert.equal(prefs.test.length, 2);
  assert.equal((prefs.stats.workers_per_item as { max: number }).max, 3);
});

test('e2e: stop during labeling: the job is stopped, the execution ends Stopped, nothing downstream runs', async () => {
  const { execution, message } = await startFlagship();
  await handle(sqsEvent(message));
  await world.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: execution, ClientRequestToken: `e2e-stop-${message.token}-00000000000000000000` }));
  const stopping = await world.nextMessage(10_000, execution);
  assert.equal(stopping.status, 'Stopping');
  assert.deepEqual(await handle(sqsEvent(stopping)), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Stopped');
  assert.ok(['Stopping', 'Stopped'].includes((await jobOf(message.token)).LabelingJobStatus as string));
  assert.equal((await stepStatus(execution)).BuildPreferences, undefined);
});

test('e2e: a failed labeling job fails the step with Ground Truth\'s reason, and the execution', async () => {
  const { execution, message } = await startFlagship();
  await handle(sqsEvent(message));
  const job = await jobOf(message.token);
  world.emulator.failLabelingJob(job.LabelingJobName as string, 'ClientError: The workteam has no workers.');
  await createEventHandler(world.bridge)(jobEvent(job.LabelingJobArn as string, 'Failed'));
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  const collect = (await steps(world, execution)).find((s) => s.StepName === 'CollectPreferences');
  assert.equal(collect?.StepStatus, 'Failed');
  assert.match(collect?.FailureReason ?? '', /labeling job smp-collectpreferences-.* failed: ClientError: The workteam has no workers\./);
  assert.equal((await stepStatus(execution)).BuildPreferences, undefined);
});

test('e2e: a duplicated SQS message creates one labeling job, and the round trip still completes', async () => {
  const { execution, message } = await startFlagship();
  assert.deepEqual(await handle(sqsEvent(message, message)), { batchItemFailures: [] });
  assert.deepEqual(await handle(sqsEvent(message)), { batchItemFailures: [] });
  const job = await jobOf(message.token);
  const output = `${job.OutputConfig?.S3OutputPath}/${job.LabelingJobName}/manifests/output/output.manifest`;
  await putObject(world, output, outputManifest(inputManifest(ITEMS), 1, 'ranking'));
  world.emulator.completeLabelingJob(job.LabelingJobName as string, output);
  // The event arrives twice too (EventBridge is at-least-once): one answer, the same request.
  const events = createEventHandler(world.bridge);
  await events(jobEvent(job.LabelingJobArn as string, 'Completed'));
  await events(jobEvent(job.LabelingJobArn as string, 'Completed'));
  assert.equal(await world.emulator.waitForExecution(execution, 60_000), 'Succeeded');
});

test('e2e: malformed messages: one without a token returns to the queue; one with a token fails the step', async () => {
  const { execution, message } = await startFlagship();
  const unreadable = await handle(sqsEvent(JSON.stringify({ ...message, token: undefined })));
  assert.equal(unreadable.batchItemFailures.length, 1, 'back to the queue, then the dead-letter queue');
  const mangled = { ...message, arguments: { ...message.arguments, HumanTaskConfig: 'oops' } };
  assert.deepEqual(await handle(sqsEvent(mangled)), { batchItemFailures: [] });
  assert.equal(await world.emulator.waitForExecution(execution), 'Failed');
  const collect = (await steps(world, execution)).find((s) => s.StepName === 'CollectPreferences');
  assert.match(collect?.FailureReason ?? '', /^labeling bridge: the step's arguments lack HumanTaskConfig\.WorkteamArn/);
  const listed = await world.sagemaker.send(new ListLabelingJobsCommand({ NameContains: message.token.toLowerCase() }));
  assert.equal(listed.LabelingJobSummaryList?.length, 0, 'no labeling job for a malformed request');
});
