/** What the SageMaker handlers share: identity, moto, the execution engine and the stores. */
import type { Executor } from '../executor/executor.js';
import type { ExecutionStore } from '../executor/model.js';
import type { MotoClient } from '../moto-client.js';
import { validationError } from './errors.js';
import type { IdempotencyCache } from './idempotency.js';
import type { LabelingStore } from './labeling-store.js';
import type { PipelineVersions } from './versions.js';
import type { WorkteamStore } from './workteams.js';

export interface SageMakerContext {
  region: string;
  accountId: string;
  moto: MotoClient;
  idempotency: IdempotencyCache;
  store: ExecutionStore;
  executor: Executor;
  labeling: LabelingStore;
  versions: PipelineVersions;
  workteams: WorkteamStore;
}

export type Params = Record<string, unknown>;
export type Handler = (params: Params) => Promise<unknown>;
export type Handlers = Record<string, Handler>;

/** Timestamps go on the wire as epoch seconds. */
export const seconds = (ms: number): number => ms / 1000;

/** PipelineName may be a name or a pipeline ARN. */
export function pipelineNameOf(value: unknown): string {
  const text = String(value ?? '');
  return text.startsWith('arn:') ? text.slice(text.indexOf(':pipeline/') + ':pipeline/'.length) : text;
}

/** Page through a list with NextToken = the next offset, as opaque to callers as the service's. */
export function page<T>(items: T[], params: Params, defaultSize = 10): { items: T[]; NextToken?: string } {
  const start = params['NextToken'] === undefined ? 0 : Number(params['NextToken']);
  if (!Number.isInteger(start) || start < 0) throw validationError(`Invalid pagination token '${String(params['NextToken'])}'.`);
  const size = typeof params['MaxResults'] === 'number' ? params['MaxResults'] : defaultSize;
  const end = start + size;
  return end < items.length ? { items: items.slice(start, end), NextToken: String(end) } : { items: items.slice(start) };
}
