/** Callback steps: message to the handler and to SQS, answers, output parameters, stop. */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import {
  CreatePipelineCommand, DescribePipelineExecutionCommand, ListPipelineExecutionStepsCommand, SendPipelineExecutionStepFailureCommand,
  SendPipelineExecutionStepSuccessCommand, StartPipelineExecutionCommand, StopPipelineExecutionCommand, type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { CallbackMessage, Emulator } from '../index.js';
import { definition, get, processing, ROLE, uniqueName } from './fixtures.js';
import type { Harness } from './harness.js';

/** Set from the shared harness before the suites run. */
let emulator: Emulator;
let sagemaker: SageMakerClient;
let messages: CallbackMessage[] = [];

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/111122223333/labeling';

function callback(name: string, args: Record<string, unknown>, outputs: string[], queue: string): Record<string, unknown> {
  return { Name: name, Type: 'Callback', Arguments: args, SqsQueueUrl: queue, OutputParameters: outputs.map((o) => ({ OutputName: o, OutputType: 'String' })) };
}

/** Prep → Ask (callback, outputs OutputManifestUri) → Check (callback that receives Ask's output). */
function labelingPipeline(p: string, queue = QUEUE): string {
  const ask = callback(`${p}Ask`, { InputManifestUri: get(`Steps.${p}Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri`), Workers: get('Parameters.Workers') }, ['OutputManifestUri'], queue);
  const check = callback(`${p}Check`, { Manifest: get(`Steps.${p}Ask.OutputParameters['OutputManifestUri']`) }, [], queue);
  return definition([processing(`${p}Prep`, { out: 's3://bucket/manifest' }), ask, check], [{ Name: 'Workers', Type: 'Integer', DefaultValue: 3 }]);
}

async function start(text: string): Promise<string> {
  const name = uniqueName('cb');
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: text, RoleArn: ROLE }));
  return (await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: name }))).PipelineExecutionArn!;
}

/** Collects messages; `answer` (if given) replies to each Executing message. */
function listen(answer?: (message: CallbackMessage) => Promise<unknown>): void {
  messages = [];
  emulator.setCallbackHandler(async (message) => {
    messages.push(message);
    if (answer && message.status === 'Executing') await answer(message);
  });
}

async function nextMessage(count: number): Promise<CallbackMessage> {
  const deadline = Date.now() + 5000;
  while (messages.length < count) {
    if (Date.now() > deadline) assert.fail(`only ${messages.length} callback messages arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return messages[count - 1]!;
}

const succeed = (message: CallbackMessage, outputs: Record<string, string> = {}) => sagemaker.send(new SendPipelineExecutionStepSuccessCommand({
  CallbackToken: message.token, OutputParameters: Object.entries(outputs).map(([Name, Value]) => ({ Name, Value })),
}));

export function callbackSuites(harness: () => Harness): void {
  describe('callbacks', () => {
    before(() => { ({ emulator, sagemaker } = harness()); });
    afterEach(() => emulator.setCallbackHandler(() => {}));

    describe('callback steps', () => {
      it('delivers the message, waits for the answer and passes output parameters downstream', async () => {
        listen((m) => succeed(m, m.arguments['Manifest'] === undefined ? { OutputManifestUri: 's3://bucket/labeled/output.manifest' } : {}));
        const arn = await start(labelingPipeline('A'));
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
        const [ask, check] = messages;
        assert.match(ask!.token, /^[A-Za-z0-9]{10}$/);
        assert.deepEqual({ ...ask, token: '' }, { token: '', pipelineExecutionArn: arn, arguments: { InputManifestUri: 's3://bucket/manifest', Workers: 3 }, status: 'Executing' });
        assert.deepEqual(check?.arguments, { Manifest: 's3://bucket/labeled/output.manifest' });
        const steps = (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps!;
        const askStep = steps.find((s) => s.StepName === 'AAsk');
        assert.deepEqual(askStep?.Metadata?.Callback, {
          CallbackToken: ask!.token, SqsQueueUrl: QUEUE, OutputParameters: [{ Name: 'OutputManifestUri', Value: 's3://bucket/labeled/output.manifest' }],
        });
      });

      it('sends the message to the SQS queue when it exists in moto', async () => {
        listen();
        const sqs = (action: string, body: Record<string, unknown>) => fetch(`${emulator.endpoint}/`, {
          method: 'POST',
          headers: { 'x-amz-target': `AmazonSQS.${action}`, 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<Record<string, unknown>>);
        // A queue of its own: other tests' messages to QUEUE may still be on their way to moto.
        const { QueueUrl } = await sqs('CreateQueue', { QueueName: 'labeling-b' });
        const arn = await start(labelingPipeline('B', `${QUEUE}-b`));
        const message = await nextMessage(1);
        const received = await sqs('ReceiveMessage', { QueueUrl, WaitTimeSeconds: 1 });
        const bodies = (received['Messages'] as Array<{ Body: string }>).map((m) => JSON.parse(m.Body) as CallbackMessage);
        assert.deepEqual(bodies, [message]);
        assert.equal(emulator.count('ReceiveMessage'), 1);
        await sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn }));
        await succeed(message);
      });

      it('fails the step and the execution on SendPipelineExecutionStepFailure', async () => {
        listen((m) => sagemaker.send(new SendPipelineExecutionStepFailureCommand({ CallbackToken: m.token, FailureReason: 'workers rejected the batch' })));
        const arn = await start(labelingPipeline('C'));
        assert.equal(await emulator.waitForExecution(arn), 'Failed');
        const [ask] = (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps!;
        assert.deepEqual([ask?.StepName, ask?.StepStatus, ask?.FailureReason], ['CAsk', 'Failed', 'workers rejected the batch']);
      });

      it('on stop, sends a second message with status Stopping and ends Stopped once answered', async () => {
        listen();
        const arn = await start(labelingPipeline('D'));
        const first = await nextMessage(1);
        await sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn }));
        const second = await nextMessage(2);
        assert.deepEqual({ ...second }, { ...first, status: 'Stopping' });
        const stopping = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
        assert.equal(stopping.PipelineExecutionStatus, 'Stopping');
        await succeed(second);
        assert.equal(await emulator.waitForExecution(arn), 'Stopped');
        const steps = (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps!;
        assert.equal(steps.find((s) => s.StepName === 'DAsk')?.StepStatus, 'Stopped');
      });

      it('rejects unknown, malformed and repeated answers', async () => {
        listen();
        const arn = await start(labelingPipeline('E'));
        const message = await nextMessage(1);
        const unknown = await sagemaker.send(new SendPipelineExecutionStepSuccessCommand({ CallbackToken: 'abcdefghij' })).catch((e: Error) => e);
        assert.equal((unknown as Error).name, 'ResourceNotFound');
        const malformed = await sagemaker.send(new SendPipelineExecutionStepSuccessCommand({ CallbackToken: 'short' })).catch((e: Error) => e);
        assert.equal((malformed as Error).name, 'ValidationException');
        await sagemaker.send(new SendPipelineExecutionStepFailureCommand({ CallbackToken: message.token, FailureReason: 'no' }));
        const repeated = await succeed(message).catch((e: Error) => e);
        assert.equal((repeated as Error).name, 'ConflictException');
        assert.equal(await emulator.waitForExecution(arn), 'Failed');
      });

      it('answers a configured callback step itself', async () => {
        listen();
        emulator.configureStep('FAsk', { status: 'Succeeded', outputs: { OutputManifestUri: 's3://bucket/auto.manifest' } });
        emulator.configureStep('FCheck', { status: 'Succeeded' });
        const arn = await start(labelingPipeline('F'));
        assert.equal(await emulator.waitForExecution(arn), 'Succeeded');
        assert.deepEqual(messages.map((m) => m.arguments['Manifest']), [undefined, 's3://bucket/auto.manifest']);
      });
    });
  });
}
