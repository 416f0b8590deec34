/**
 * What re-runs need from the emulator: step caching with CacheHitResult, RetryPipelineExecution,
 * selective execution, pipeline versions, Service Quotas, job logs in CloudWatch Logs, work teams.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreatePipelineCommand, CreateWorkteamCommand, DescribePipelineCommand, DescribePipelineExecutionCommand, DescribeWorkteamCommand,
  ListPipelineExecutionStepsCommand, RetryPipelineExecutionCommand, StartPipelineExecutionCommand, UpdatePipelineCommand,
  type PipelineExecutionStep, type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetServiceQuotaCommand, ListAWSDefaultServiceQuotasCommand, ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../index.js';
import { definition, get, processing, ROLE, training, uniqueName } from './fixtures.js';
import { failure, type Harness } from './harness.js';

let emulator: Emulator;
let sagemaker: SageMakerClient;
const CACHE = { CacheConfig: { Enabled: true, ExpireAfter: 'P30D' } };

/** Prep → Train → Eval, each cached; Train reads Prep's output and the Beta parameter. */
function chain(p: string, cache: Record<string, unknown> = CACHE): string {
  const prep = processing(`${p}Prep`, { train: 's3://runs/prep/train' }, cache);
  const train = { ...training(`${p}Train`, get(`Steps.${p}Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri`)), ...cache };
  (train.Arguments as Record<string, unknown>).HyperParameters = { beta: { 'Std:Join': { On: '', Values: [get('Parameters.Beta')] } } };
  const evaluate = processing(`${p}Eval`, { report: 's3://runs/eval' }, { ...cache, Arguments: { Environment: { MODEL: get(`Steps.${p}Train.ModelArtifacts.S3ModelArtifacts`) } } });
  return definition([prep, train, evaluate], [{ Name: 'Beta', Type: 'Float', DefaultValue: 0.1 }]);
}

async function register(text: string): Promise<string> {
  const name = uniqueName('rerun');
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: text, RoleArn: ROLE }));
  return name;
}

async function runToEnd(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { PipelineExecutionArn: arn } = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, ...extra }));
  await emulator.waitForExecution(arn as string);
  return arn as string;
}

async function stepsOf(arn: string): Promise<Record<string, PipelineExecutionStep>> {
  const listed = (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps ?? [];
  return Object.fromEntries(listed.map((s) => [s.StepName as string, s]));
}

export function rerunSuites(shared: () => Harness): void {
  describe('re-runs', () => {
    before(() => {
      ({ emulator, sagemaker } = shared());
    });

    describe('step caching', () => {
      it('reuses a successful run with the same resolved key, names its execution, and runs again when the key changes', async () => {
        const name = await register(chain('c'));
        const first = await runToEnd(name);
        const second = await runToEnd(name);
        const steps = await stepsOf(second);
        for (const step of ['cPrep', 'cTrain', 'cEval']) {
          assert.equal(steps[step]?.StepStatus, 'Succeeded');
          assert.deepEqual(steps[step]?.CacheHitResult, { SourcePipelineExecutionArn: first }, step);
        }
        assert.equal((await stepsOf(first)).cTrain?.CacheHitResult, undefined);
        // A cache hit carries the earlier job: same ARN in the metadata.
        assert.deepEqual(steps.cTrain?.Metadata, (await stepsOf(first)).cTrain?.Metadata);
        // A new Beta changes Train's resolved HyperParameters; Eval reads Train's new model, so it runs again too.
        const third = await runToEnd(name, { PipelineParameters: [{ Name: 'Beta', Value: '0.2' }] });
        const changed = await stepsOf(third);
        assert.deepEqual(changed.cPrep?.CacheHitResult, { SourcePipelineExecutionArn: first });
        assert.equal(changed.cTrain?.CacheHitResult, undefined);
        assert.equal(changed.cEval?.CacheHitResult, undefined);
      });

      it('never reuses a failed run, nor one of a step without CacheConfig, nor one past ExpireAfter', async () => {
        emulator.configureStep('fTrain', { status: 'Failed', failureReason: 'boom' });
        const failing = await register(chain('f'));
        await runToEnd(failing);
        emulator.configureStep('fTrain', { status: 'Succeeded' });
        const after = await stepsOf(await runToEnd(failing));
        assert.ok(after.fPrep?.CacheHitResult, 'Prep succeeded the first time');
        assert.equal(after.fTrain?.CacheHitResult, undefined, 'a failed run is never reused');
        const plain = await register(chain('n', {}));
        await runToEnd(plain);
        assert.equal((await stepsOf(await runToEnd(plain))).nPrep?.CacheHitResult, undefined);
        const short = await register(chain('s', { CacheConfig: { Enabled: true, ExpireAfter: 'PT0.05S' } }));
        await runToEnd(short);
        await new Promise((resolve) => setTimeout(resolve, 120));
        assert.equal((await stepsOf(await runToEnd(short))).sPrep?.CacheHitResult, undefined);
      });
    });

    describe('RetryPipelineExecution', () => {
      it('runs the failed steps again in the same execution and keeps the succeeded ones', async () => {
        emulator.configureStep('rTrain', { status: 'Failed', failureReason: 'CapacityError: no ml.g5.xlarge' });
        const name = await register(chain('r', {}));
        const arn = await runToEnd(name);
        const before = await stepsOf(arn);
        assert.equal(before.rTrain?.StepStatus, 'Failed');
        assert.equal(before.rEval, undefined);
        const conflict = await failure(sagemaker.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: await runToEnd(await register(chain('ok', {}))), ClientRequestToken: randomUUID() })));
        assert.equal(conflict.name, 'ConflictException');
        emulator.configureStep('rTrain', { status: 'Succeeded' });
        const retried = await sagemaker.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: randomUUID() }));
        assert.equal(retried.PipelineExecutionArn, arn);
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
        const after = await stepsOf(arn);
        assert.equal(after.rPrep?.StartTime?.getTime(), before.rPrep?.StartTime?.getTime(), 'Prep kept its run');
        assert.equal(after.rTrain?.AttemptCount, 2);
        assert.equal(after.rEval?.StepStatus, 'Succeeded');
        const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(described.FailureReason, undefined);
      });
    });

    describe('selective execution', () => {
      it('runs the selected steps, reuses what they read from the reference, runs nothing else', async () => {
        const name = await register(chain('x', {}));
        const reference = await runToEnd(name);
        const arn = await runToEnd(name, { SelectiveExecutionConfig: { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: 'xTrain' }] } });
        const steps = await stepsOf(arn);
        assert.deepEqual(steps.xPrep?.SelectiveExecutionResult, { SourcePipelineExecutionArn: reference });
        assert.equal(steps.xTrain?.SelectiveExecutionResult, undefined);
        assert.equal(steps.xTrain?.StepStatus, 'Succeeded');
        assert.equal(steps.xEval, undefined, 'a step downstream that was not selected does not run');
        const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.deepEqual(described.SelectiveExecutionConfig?.SelectedSteps, [{ StepName: 'xTrain' }]);
      });

      it('refuses a missing reference, a gap between selected steps, an unknown step', async () => {
        const name = await register(chain('v', {}));
        const reference = await runToEnd(name);
        const noReference = await failure(sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, SelectiveExecutionConfig: { SelectedSteps: [{ StepName: 'vEval' }] } })));
        assert.match(noReference.message, /SourcePipelineExecutionArn is required: the selected steps depend on steps that are not selected \(vPrep, vTrain\)/);
        const gap = await failure(sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, SelectiveExecutionConfig: { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: 'vPrep' }, { StepName: 'vEval' }] } })));
        assert.match(gap.message, /'vTrain' lies between 'vPrep' and 'vEval'/);
        const unknown = await failure(sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, SelectiveExecutionConfig: { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: 'Nope' }] } })));
        assert.equal(unknown.name, 'ValidationException');
      });
    });

    describe('pipeline versions', () => {
      it('keeps every version: Describe and Start take PipelineVersionId', async () => {
        const name = await register(definition([processing('v1Only')]));
        const updated = await sagemaker.send(new UpdatePipelineCommand({ PipelineName: name, PipelineDefinition: definition([processing('v2Only')]) }));
        assert.equal(updated.PipelineVersionId, 2);
        const v1 = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name, PipelineVersionId: 1 }));
        assert.match(v1.PipelineDefinition ?? '', /v1Only/);
        const arn = await runToEnd(name, { PipelineVersionId: 1 });
        assert.deepEqual(Object.keys(await stepsOf(arn)), ['v1Only']);
        assert.equal((await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineVersionId, 1);
        const latest = await runToEnd(name);
        assert.equal((await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: latest }))).PipelineVersionId, 2);
        const missing = await failure(sagemaker.send(new DescribePipelineCommand({ PipelineName: name, PipelineVersionId: 9 })));
        assert.equal(missing.name, 'ResourceNotFound');
      });
    });

    describe('Service Quotas, logs, work teams', () => {
      it('lists applied SageMaker quotas only, the defaults apart, and gets one by code', async () => {
        const quotas = new ServiceQuotasClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
        emulator.setQuota('ml.g5.48xlarge for training job usage', 2);
        const applied = (await quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'sagemaker' }))).Quotas ?? [];
        assert.deepEqual(applied.map((q) => [q.QuotaName, q.Value]), [['ml.g5.48xlarge for training job usage', 2]]);
        const defaults = (await quotas.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'sagemaker', MaxResults: 100 })));
        assert.equal(defaults.Quotas?.length, 65);
        assert.equal(defaults.Quotas?.find((q) => q.QuotaName === 'ml.g5.12xlarge for processing job usage')?.Value, 0);
        const one = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'sagemaker', QuotaCode: applied[0]?.QuotaCode }));
        assert.equal(one.Quota?.Value, 2);
        const other = await failure(quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'ec2' })));
        assert.equal(other.name, 'NoSuchResourceException');
        quotas.destroy();
      });

      it('a job writes its configured log lines to its CloudWatch Logs stream', async () => {
        emulator.configureStep('lPrep', { status: 'Succeeded', logs: ['loading data', 'wrote 42 rows'] });
        const arn = await runToEnd(await register(definition([processing('lPrep')])));
        const job = ((await stepsOf(arn)).lPrep?.Metadata?.ProcessingJob?.Arn ?? '').split('/').pop() as string;
        const logs = new CloudWatchLogsClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
        const events = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/ProcessingJobs', logStreamNamePrefix: `${job}/` }));
        assert.deepEqual(events.events?.map((e) => e.message), ['loading data', 'wrote 42 rows']);
        assert.match(events.events?.[0]?.logStreamName ?? '', new RegExp(`^${job}/algo-1-\\d+$`));
        logs.destroy();
      });

      it('work teams: created and described; a missing one is an error', async () => {
        const created = await sagemaker.send(new CreateWorkteamCommand({ WorkteamName: 'labelers', Description: 'ranks answers', MemberDefinitions: [] }));
        assert.match(created.WorkteamArn ?? '', /:workteam\/private-crowd\/labelers$/);
        const described = await sagemaker.send(new DescribeWorkteamCommand({ WorkteamName: 'labelers' }));
        assert.equal(described.Workteam?.WorkteamArn, created.WorkteamArn);
        assert.equal((await failure(sagemaker.send(new DescribeWorkteamCommand({ WorkteamName: 'nobody' })))).name, 'ValidationException');
      });
    });
  });
}
