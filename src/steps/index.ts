import { automl } from './automl.js';
import { callback } from './callback.js';
import { clarifyCheck } from './clarify-check.js';
import { condition } from './condition.js';
import { endpoint } from './endpoint.js';
import { endpointConfig } from './endpoint-config.js';
import { emr } from './emr.js';
import { emrServerless } from './emr-serverless.js';
import { fail } from './fail.js';
import { groundTruth } from './ground-truth.js';
import { lambda } from './lambda.js';
import { model } from './model.js';
import { notebook } from './notebook.js';
import { processing } from './processing.js';
import { qualityCheck } from './quality-check.js';
import { registerModel } from './register-model.js';
import { step } from './step.js';
import { training } from './training.js';
import { transform } from './transform.js';
import { tuning } from './tuning.js';
import type { StepKind } from './types.js';

export type KindName =
  | 'processing'
  | 'training'
  | 'callback'
  | 'ground-truth'
  | 'lambda'
  | 'condition'
  | 'fail'
  | 'model'
  | 'register-model'
  | 'endpoint-config'
  | 'endpoint'
  | 'transform'
  | 'tuning'
  | 'quality-check'
  | 'clarify-check'
  | 'emr'
  | 'emr-serverless'
  | 'automl'
  | 'notebook'
  | 'step';

/** The explicit registry: a kind missing here fails to build (DESIGN §5). How to add one: steps/types.ts. */
export const KINDS = {
  processing,
  training,
  callback,
  'ground-truth': groundTruth,
  lambda,
  condition,
  fail,
  model,
  'register-model': registerModel,
  'endpoint-config': endpointConfig,
  endpoint,
  transform,
  tuning,
  'quality-check': qualityCheck,
  'clarify-check': clarifyCheck,
  emr,
  'emr-serverless': emrServerless,
  automl,
  notebook,
  step,
} satisfies Record<KindName, StepKind>;

export const KIND_LIST: readonly StepKind[] = Object.values(KINDS);

export function isKind(name: string): name is KindName {
  return Object.prototype.hasOwnProperty.call(KINDS, name);
}
