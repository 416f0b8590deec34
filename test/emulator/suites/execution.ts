/** Executions that run: dependency order, simulated jobs, conditions and branches, stop, listings. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreatePipelineCommand, DescribePipelineExecutionCommand, ListPipelineExecutionsCommand, ListPipelineExecutionStepsCommand,
  StartPipelineExecutionCommand, StopPipelineExecutionCommand, type PipelineExecutionStep, type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from '../index.js';
import { definition, get, processing, ROLE, training, uniqueName } from './fixtures.js';
import type { Harness } from './harness.js';

/** Set from the shared harness before the suites run. */
let emulator: Emulator;
let sagemaker: SageMakerClient;
let s3: S3Client;

const join = (...values: unknown[]) => ({ 'Std:Join': { On: '', Values: values } });
const accuracy = (p: string) => ({ 'Std:JsonGet': { PropertyFile: get(`Steps.${p}Prep.PropertyFiles.evaluation`), Path: 'metrics.accuracy.value' } });

/** Prep (processing, writes evaluation.json) → Train → Gate: accuracy ≥ MinAccuracy ? Register : TooWeak (Fail). */
function gatedPipeline(p: string): string {
  const prep = processing(`${p}Prep`, { train: join('s3://runs/', get('Parameters.Run'), '/train'), evaluation: join('s3://runs/', get('Parameters.Run'), '/eval') },
    { PropertyFiles: [{ PropertyFileName: 'evaluation', OutputName: 'evaluation', FilePath: 'evaluation.json' }] });
  const train = training(`${p}Train`, get(`Steps.${p}Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri`));
  const register = { Name: `${p}Register`, Type: 'RegisterModel', Arguments: { ModelPackageGroupName: 'group', InferenceSpecification: { Containers: [{ Image: 'img', ModelDataUrl: get(`Steps.${p}Train.ModelArtifacts.S3ModelArtifacts`) }] } } };
  const fail = { Name: `${p}TooWeak`, Type: 'Fail', Arguments: { ErrorMessage: join('Accuracy ', accuracy(p), ' is below ', get('Parameters.MinAccuracy')) } };
  const gate = { Name: `${p}Gate`, Type: 'Condition', Arguments: {
    Conditions: [{ Type: 'GreaterThanOrEqualTo', LeftValue: accuracy(p), RightValue: get('Parameters.MinAccuracy') }],
    IfSteps: [register], ElseSteps: [fail],
  } };
  return definition([prep, train, gate], [{ Name: 'Run', Type: 'String', DefaultValue: 'default' }, { Name: 'MinAccuracy', Type: 'Float', DefaultValue: 0.6 }]);
}

async function register(text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueName('exec');
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: text, RoleArn: ROLE, ...extra }));
  return name;
}

async function run(name: string, parameters: Record<string, string> = {}): Promise<string> {
  const started = await sagemaker.send(new StartPipelineExecutionCommand({
    PipelineName: name, PipelineParameters: Object.entries(parameters).map(([Name, Value]) => ({ Name, Value })),
  }));
  return started.PipelineExecutionArn!;
}

async function steps(arn: string): Promise<PipelineExecutionStep[]> {
  return (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps ?? [];
}

const writeEvaluation = (runId: string, value: number) =>
  s3.send(new PutObjectCommand({ Bucket: 'runs', Key: `${runId}/eval/evaluation.json`, Body: JSON.stringify({ metrics: { accuracy: { value } } }) }));

export function executionSuites(harness: () => Harness): void {
  describe('executions', () => {
    before(async () => {
      ({ emulator, sagemaker, s3 } = harness());
      await s3.send(new CreateBucketCommand({ Bucket: 'runs' }));
    });

    describe('executions', () => {
      it('walks processing → training → condition and takes the if-branch to Succeeded', async () => {
        const runId = uniqueName('good');
        await writeEvaluation(runId, 0.9);
        const arn = await run(await register(gatedPipeline('A')), { Run: runId });
        assert.match(arn, /^arn:aws:sagemaker:us-east-1:111122223333:pipeline\/exec-[0-9-]+\/execution\/[a-z0-9]{12}$/);
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
        const listed = await steps(arn);
        assert.deepEqual(listed.map((s) => [s.StepName, s.StepStatus]), [['ARegister', 'Succeeded'], ['AGate', 'Succeeded'], ['ATrain', 'Succeeded'], ['APrep', 'Succeeded']]);
        const byName = Object.fromEntries(listed.map((s) => [s.StepName, s]));
        assert.deepEqual(byName['AGate']?.Metadata?.Condition, { Outcome: 'True' });
        assert.match(byName['ATrain']?.Metadata?.TrainingJob?.Arn ?? '', /^arn:aws:sagemaker:us-east-1:111122223333:training-job\/pipelines-[a-z0-9]{12}-atrain-[0-9a-f]{10}$/);
        assert.match(byName['APrep']?.Metadata?.ProcessingJob?.Arn ?? '', /:processing-job\/pipelines-/);
        assert.match(byName['ARegister']?.Metadata?.RegisterModel?.Arn ?? '', /:model-package\/group\/1$/);
        assert.ok(byName['ATrain']!.StartTime! >= byName['APrep']!.EndTime!);
        const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(described.PipelineExecutionStatus, 'Succeeded');
      });

      it('takes the else-branch: the Fail step fails the execution with its ErrorMessage', async () => {
        const runId = uniqueName('weak');
        await writeEvaluation(runId, 0.3);
        const arn = await run(await register(gatedPipeline('B')), { Run: runId, MinAccuracy: '0.5' });
        assert.equal(await emulator.waitForExecution(arn), 'Failed');
        const [fail, gate] = await steps(arn);
        assert.equal(fail?.StepName, 'BTooWeak');
        assert.equal(fail?.StepStatus, 'Failed');
        assert.equal(fail?.FailureReason, 'Accuracy 0.3 is below 0.5');
        assert.deepEqual(fail?.Metadata?.Fail, { ErrorMessage: 'Accuracy 0.3 is below 0.5' });
        assert.deepEqual(gate?.Metadata?.Condition, { Outcome: 'False' });
        const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(described.FailureReason, 'Accuracy 0.3 is below 0.5');
      });

      it('reads a configured property file when S3 has none', async () => {
        emulator.configureStep('CPrep', { status: 'Succeeded', outputs: { PropertyFiles: { evaluation: { metrics: { accuracy: { value: 0.95 } } } } } });
        const arn = await run(await register(gatedPipeline('C')), { Run: uniqueName('configured') });
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
      });

      it('fails the step that reads a missing property file', async () => {
        const arn = await run(await register(gatedPipeline('D')), { Run: uniqueName('missing') });
        assert.equal(await emulator.waitForExecution(arn), 'Failed');
        const gate = (await steps(arn)).find((s) => s.StepName === 'DGate');
        assert.equal(gate?.StepStatus, 'Failed');
        assert.match(gate?.FailureReason ?? '', /Property file 'evaluation' of step 'DPrep' was not found at s3:\/\/runs\/missing-[0-9-]+\/eval\/evaluation\.json/);
      });

      it('fails a step as configured; what depends on it never starts', async () => {
        emulator.configureStep('EPrep', { status: 'Succeeded', outputs: { PropertyFiles: { evaluation: { metrics: { accuracy: { value: 0.9 } } } } } });
        emulator.configureStep('ETrain', { status: 'Failed', failureReason: 'AlgorithmError: CUDA out of memory' });
        const arn = await run(await register(gatedPipeline('E')));
        assert.equal(await emulator.waitForExecution(arn), 'Failed');
        // The gate only reads EPrep, so it runs beside ETrain; ERegister needs ETrain's model and never starts.
        const listed = (await steps(arn)).map((s) => [s.StepName, s.StepStatus, s.FailureReason]).sort();
        assert.deepEqual(listed, [['EGate', 'Succeeded', undefined], ['EPrep', 'Succeeded', undefined], ['ETrain', 'Failed', 'AlgorithmError: CUDA out of memory']]);
        const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(described.FailureReason, 'Step failure: One or multiple steps failed.');
      });

      it('shows running steps and stops an execution', async () => {
        emulator.configureStep('Slow', { status: 'Succeeded', durationMs: 60_000 });
        const arn = await run(await register(definition([processing('Slow'), processing('After', undefined, { DependsOn: ['Slow'] })])));
        await waitUntil(async () => (await steps(arn))[0]?.StepStatus === 'Executing');
        const executing = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(executing.PipelineExecutionStatus, 'Executing');
        await sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(await emulator.waitForExecution(arn, 2000), 'Stopped');
        assert.deepEqual((await steps(arn)).map((s) => [s.StepName, s.StepStatus]), [['Slow', 'Stopped']]);
      });

      it('honours ParallelismConfiguration', async () => {
        const arn = await run(await register(definition([processing('P1'), processing('P2')]), { ParallelismConfiguration: { MaxParallelExecutionSteps: 1 } }));
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
        const [second, first] = await steps(arn);
        assert.ok(second!.StartTime! >= first!.EndTime!);
      });

      it('lists executions newest first and checks parameters before starting', async () => {
        const name = await register(gatedPipeline('F'));
        const first = await run(name);
        const second = await run(name);
        const listed = await sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: name }));
        assert.deepEqual(listed.PipelineExecutionSummaries?.map((s) => s.PipelineExecutionArn), [second, first]);
        const unknown = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, PipelineParameters: [{ Name: 'Nope', Value: '1' }] })).catch((e: Error) => e);
        assert.match(String(unknown), /ValidationException: Parameter 'Nope' is not defined/);
        const typed = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name, PipelineParameters: [{ Name: 'MinAccuracy', Value: 'high' }] })).catch((e: Error) => e);
        assert.match(String(typed), /Value 'high' for parameter 'MinAccuracy' is not a valid Float/);
        const missing = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: 'no-such-pipeline' })).catch((e: Error) => e);
        assert.equal((missing as Error).name, 'ResourceNotFound');
      });
    });

    async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) assert.fail('condition not reached in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  });
}
