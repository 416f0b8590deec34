/**
 * A local SageMaker + S3 emulator for tests and `make demo`. moto's server does S3, SQS and the
 * pipeline registry; a thin front server of ours on 127.0.0.1 records requests, injects faults,
 * validates like the service, and runs pipeline executions. Point the real SDK clients at
 * `endpoint` (S3 with forcePathStyle). See README.md for what differs from AWS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StepCache } from './executor/cache.js';
import { CallbackDelivery, type CallbackHandler } from './executor/delivery.js';
import { writeJobLogs } from './executor/job-logs.js';
import { Executor } from './executor/executor.js';
import { ExecutionStore } from './executor/model.js';
import { FaultBox } from './faults.js';
import { MotoClient } from './moto-client.js';
import { MultipartClock } from './multipart-clock.js';
import { startMoto, type MotoProcess } from './moto-process.js';
import { Recorder } from './recorder.js';
import { createRouter } from './router.js';
import { sagemakerHandlers } from './sagemaker/handlers.js';
import { IdempotencyCache } from './sagemaker/idempotency.js';
import { LabelingStore } from './sagemaker/labeling-store.js';
import { PipelineVersions } from './sagemaker/versions.js';
import { WorkteamStore } from './sagemaker/workteams.js';
import { quotaHandlers, QuotaStore, SERVICE_QUOTAS_TARGET } from './quotas.js';
import { logsHandlers, LOGS_TARGET } from './logs-fix.js';
import type { CallbackMessage, EmulatorOptions, Fault, RecordedRequest, StepOutcome } from './types.js';

export type { CallbackMessage, EmulatorOptions, Fault, FaultKind, RecordedRequest, Service, StepOutcome } from './types.js';

export interface Emulator {
  /** http://127.0.0.1:PORT — the `endpoint` of every SDK client (S3 with forcePathStyle: true). */
  endpoint: string;
  region: string;
  accountId: string;
  /** Every request received, oldest first (live; cleared by clearRequests). */
  requests: RecordedRequest[];
  count(action: string): number;
  clearRequests(): void;
  injectFault(f: Fault): void;
  clearFaults(): void;
  /** How a step (by name) behaves in every execution from now on. */
  configureStep(name: string, outcome: StepOutcome): void;
  setCallbackHandler(fn: (message: CallbackMessage) => void | Promise<void>): void;
  completeLabelingJob(name: string, outputManifestUri: string): void;
  /** Applies a SageMaker service quota value, by its name ("ml.g5.48xlarge for training job usage"). */
  setQuota(name: string, value: number): void;
  failLabelingJob(name: string, reason: string): void;
  /** Resolves with Succeeded, Failed or Stopped; rejects on timeout (default 30 s) or an unknown ARN. */
  waitForExecution(arn: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

const DEFAULT_STEP_MS = 20;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '111122223333';
  const motoProcess = await startMoto({ accountId, region });
  try {
    return await assemble(motoProcess, region, accountId, options);
  } catch (error) {
    await motoProcess.stop();
    throw error;
  }
}

async function assemble(motoProcess: MotoProcess, region: string, accountId: string, options: EmulatorOptions): Promise<Emulator> {
  const moto = new MotoClient(motoProcess.url, region);
  const recorder = new Recorder();
  const faults = new FaultBox();
  const outcomes = new Map<string, StepOutcome>();
  const delivery = new CallbackDelivery(moto);
  const store = new ExecutionStore();
  const labeling = new LabelingStore(region, accountId);
  const quotas = new QuotaStore(region, accountId);
  const executor = new Executor({
    store, moto, delivery, region, accountId, outcomes, defaultDurationMs: options.stepDefaults?.durationMs ?? DEFAULT_STEP_MS,
    cache: new StepCache(), writeLogs: (type, job, lines) => writeJobLogs(moto, type, job, lines),
  });
  const sagemaker = sagemakerHandlers({
    region, accountId, moto, idempotency: new IdempotencyCache(), store, executor, labeling,
    versions: new PipelineVersions(), workteams: new WorkteamStore(region, accountId),
  });
  const server = createServer(createRouter({ recorder, faults, moto: { host: '127.0.0.1', port: motoProcess.port }, sagemaker, multipart: new MultipartClock(),
    json: [{ prefix: SERVICE_QUOTAS_TARGET, handlers: quotaHandlers(quotas) }, { prefix: LOGS_TARGET, handlers: logsHandlers(moto) }],
  }));
  const port = await listen(server, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    accountId,
    requests: recorder.requests,
    count: (action) => recorder.count(action),
    clearRequests: () => recorder.clear(),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    configureStep: (name, outcome) => { outcomes.set(name, { ...outcome }); },
    setCallbackHandler: (fn: CallbackHandler) => delivery.setHandler(fn),
    completeLabelingJob: (name, uri) => labeling.complete(name, uri),
    setQuota: (name, value) => quotas.set(name, value),
    failLabelingJob: (name, reason) => labeling.fail(name, reason),
    waitForExecution: (arn, timeoutMs = 30_000) => {
      const execution = store.get(arn);
      return execution ? executor.waitFor(execution, timeoutMs) : Promise.reject(new Error(`emulator: no execution ${arn}`));
    },
    stop: async () => {
      executor.shutdown();
      await close(server);
      await motoProcess.stop();
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Stops accepting and cuts keep-alive connections, so stop() does not wait for idle SDK sockets. */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
