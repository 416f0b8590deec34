/**
 * Every step type the local runner executes, by the definition's `Type`. A missing entry fails
 * the build; a definition with a type not listed here is refused before anything runs (SMP9502).
 */
import { callbackRunner } from './callback.js';
import { conditionRunner } from './condition.js';
import { endpointConfigRunner } from './endpoint-config.js';
import { endpointRunner } from './endpoint.js';
import { failRunner } from './fail.js';
import { lambdaRunner } from './lambda.js';
import { modelRunner } from './model.js';
import { processingRunner } from './processing.js';
import { registerModelRunner } from './register-model.js';
import { autoMLRunner, clarifyCheckRunner, emrRunner, emrServerlessRunner, qualityCheckRunner } from './recorded.js';
import { trainingRunner } from './training.js';
import { transformRunner } from './transform.js';
import { tuningRunner } from './tuning.js';
import type { StepRunner } from './types.js';

export type RunnableType =
  | 'Processing' | 'Training' | 'Callback' | 'Lambda' | 'Condition' | 'Fail' | 'Model' | 'RegisterModel' | 'EndpointConfig' | 'Endpoint'
  | 'Transform' | 'Tuning' | 'ClarifyCheck' | 'QualityCheck' | 'EMR' | 'EMRServerless' | 'AutoML';

export const STEP_RUNNERS = {
  Processing: processingRunner,
  Training: trainingRunner,
  Callback: callbackRunner,
  Lambda: lambdaRunner,
  Condition: conditionRunner,
  Fail: failRunner,
  Model: modelRunner,
  RegisterModel: registerModelRunner,
  EndpointConfig: endpointConfigRunner,
  Endpoint: endpointRunner,
  Transform: transformRunner,
  Tuning: tuningRunner,
  // Only AWS runs these: refused before anything runs unless --step-outputs records them.
  ClarifyCheck: clarifyCheckRunner,
  QualityCheck: qualityCheckRunner,
  EMR: emrRunner,
  EMRServerless: emrServerlessRunner,
  AutoML: autoMLRunner,
} as const satisfies Record<RunnableType, StepRunner>;

export function runnerFor(type: string): StepRunner | undefined {
  return Object.prototype.hasOwnProperty.call(STEP_RUNNERS, type) ? STEP_RUNNERS[type as RunnableType] : undefined;
}
