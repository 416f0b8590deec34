import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreatePipelineCommand, ListPipelineExecutionStepsCommand, type SageMakerClient, StartPipelineExecutionCommand, type PipelineExecutionStep } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import type { Clients } from '../../containers/labeling-bridge/clients.js';
import { EVENT_DETAIL_TYPE } from '../../containers/labeling-bridge/completion.js';
import type { BridgeConfig } from '../../containers/labeling-bridge/config.js';
import type { EventBridgeEvent, Logger, SqsEvent } from '../../containers/labeling-bridge/lambda-types.js';
import { compile, type CompileOptions } from '../../src/compile/compile.js';
import { startEmulator, type CallbackMessage, type Emulator } from '../emulator/index.js';
import { clients, ROLE, uniqueName } from '../emulator/test-helpers.js';

/**
 * The bridge's world in tests: the emulator (SageMaker pipelines, labeling jobs, S3), real SDK
 * clients pointed at it, and the callback messages it delivers, which tests hand to the bridge's
 * SQS handler as SQS would.
 */
export const BUCKET = 'bridge-bucket';

/** What test/bridge's specs name: the bridge is "deployed" for these (pipelines are added as tests start them). */
export const DEPLOYED = {
  workteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team',
  preAnnotation: 'arn:aws:lambda:us-east-1:111122223333:function:pre',
  consolidation: 'arn:aws:lambda:us-east-1:111122223333:function:post',
  labelingRoleArn: 'arn:aws:iam::111122223333:role/Labeling',
  artifacts: `s3://${BUCKET}/smpipe/`,
};

/** Where the specs' input manifest is (tests put one there). */
export const MANIFEST = `${DEPLOYED.artifacts}input/manifest.jsonl`;

/** A pipeline whose one step, Rank, is a ground-truth step using what the bridge was deployed for. */
export function spec(extra = ''): string {
  return `pipeline: bridge-unit
artifacts: ${DEPLOYED.artifacts}unit
vars: { region: us-east-1 }
steps:
  Rank:
    kind: ground-truth
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    manifest: ${MANIFEST}
    workteam: ${DEPLOYED.workteamArn}
    labelingRole: ${DEPLOYED.labelingRoleArn}
    lambdas:
      preAnnotation: ${DEPLOYED.preAnnotation}
      consolidation: ${DEPLOYED.consolidation}
    ranking: { dimension: Alignment, instructions: "Rank by Example Bank's values" }
    output: ${DEPLOYED.artifacts}labels
${extra}`;
}

export function deployedFor(d: typeof DEPLOYED): BridgeConfig {
  return { workteamArns: [d.workteamArn], lambdaArns: [d.preAnnotation, d.consolidation], pipelines: [], labelingRoleArn: d.labelingRoleArn, artifacts: d.artifacts };
}

export interface World {
  emulator: Emulator;
  sagemaker: SageMakerClient;
  s3: S3Client;
  /** What the bridge's handlers get: the same clients, a quiet recording logger, the clock. */
  bridge: Clients;
  /** What the SQS handler was deployed for; startPipeline adds each pipeline it creates. */
  config: BridgeConfig;
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** The next callback message (Executing or Stopping) the emulator delivers, of one execution when given. */
  nextMessage(timeoutMs?: number, executionArn?: string): Promise<CallbackMessage>;
  stop(): Promise<void>;
}

export async function startWorld(buckets: readonly string[] = [BUCKET], config: BridgeConfig = deployedFor(DEPLOYED)): Promise<World> {
  const emulator = await startEmulator();
  const { sagemaker, s3 } = clients(emulator);
  for (const bucket of buckets) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const queue: CallbackMessage[] = [];
  const waiting: { wants: (m: CallbackMessage) => boolean; take: (m: CallbackMessage) => void }[] = [];
  emulator.setCallbackHandler((message) => {
    const index = waiting.findIndex((w) => w.wants(message));
    if (index < 0) return void queue.push(message);
    const [waiter] = waiting.splice(index, 1);
    waiter?.take(message);
  });
  const logs: World['logs'] = [];
  const log: Logger = {
    info: (message, fields) => void logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void logs.push({ level: 'warn', message, fields }),
  };
  return {
    emulator, sagemaker, s3, logs, config,
    bridge: { sagemaker, s3, log, now: () => new Date() },
    nextMessage: (timeoutMs = 10_000, executionArn) => {
      const wants = (m: CallbackMessage) => executionArn === undefined || m.pipelineExecutionArn === executionArn;
      const index = queue.findIndex(wants);
      if (index >= 0) return Promise.resolve(queue.splice(index, 1)[0] as CallbackMessage);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no callback message arrived${executionArn ? ` for ${executionArn}` : ''}`)), timeoutMs);
        waiting.push({ wants, take: (m) => {
          clearTimeout(timer);
          resolve(m);
        } });
      });
    },
    stop: async () => {
      sagemaker.destroy();
      s3.destroy();
      await emulator.stop();
    },
  };
}

/** Compiles a spec and puts its assets (the worker UI) where the definition says they are. */
export async function compileAndUpload(world: World, text: string, options: Partial<CompileOptions> = {}): Promise<string> {
  const result = compile(text, { file: 'bridge-test.yaml', ...options });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
  for (const asset of result.assets) await putObject(world, asset.s3Uri, asset.bytes);
  return result.definitionText as string;
}

export async function putObject(world: World, uri: string, body: string | Uint8Array): Promise<void> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  assert.ok(match, uri);
  await world.s3.send(new PutObjectCommand({ Bucket: match[1], Key: match[2], Body: body }));
}

/** Registers the definition as a new pipeline and starts it; returns the execution ARN. */
export async function startPipeline(world: World, definition: string): Promise<string> {
  const name = uniqueName('bridge');
  await world.sagemaker.send(new CreatePipelineCommand({ PipelineName: name, RoleArn: ROLE, PipelineDefinition: definition, ClientRequestToken: `${name}-create-token-0000000000000000`.slice(0, 64) }));
  world.config.pipelines.push(name.toLowerCase());
  return startExecution(world, name);
}

let executionCounter = 0;

/** Another execution of a pipeline startPipeline created. */
export async function startExecution(world: World, pipelineName: string): Promise<string> {
  const token = `${pipelineName}-start-${++executionCounter}-token-00000000000000000000`.slice(0, 64);
  const started = await world.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: pipelineName, ClientRequestToken: token }));
  return started.PipelineExecutionArn as string;
}

let messageCounter = 0;

/** SQS records as the Lambda event source mapping delivers them. */
export function sqsEvent(...bodies: (CallbackMessage | string)[]): SqsEvent {
  return { Records: bodies.map((body) => ({ messageId: `m-${++messageCounter}`, body: typeof body === 'string' ? body : JSON.stringify(body) })) };
}

/** The EventBridge event SageMaker sends when a labeling job changes state. */
export function jobEvent(jobArn: string, status: string): EventBridgeEvent {
  return { 'detail-type': EVENT_DETAIL_TYPE, source: 'aws.sagemaker', resources: [jobArn], detail: { LabelingJobStatus: status } };
}

export async function steps(world: World, executionArn: string): Promise<PipelineExecutionStep[]> {
  const listed = await world.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn }));
  return listed.PipelineExecutionSteps ?? [];
}
