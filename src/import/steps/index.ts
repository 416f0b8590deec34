import { automlImporter } from './automl.js';
import { callbackImporter } from './callback.js';
import { conditionImporter } from './condition.js';
import { endpointImporter } from './endpoint.js';
import { endpointConfigImporter } from './endpoint-config.js';
import { emrImporter } from './emr.js';
import { emrServerlessImporter } from './emr-serverless.js';
import { failImporter } from './fail.js';
import { lambdaImporter } from './lambda.js';
import { modelImporter } from './model.js';
import { processingImporter } from './processing.js';
import { rawImporter } from './raw.js';
import { registerModelImporter } from './register-model.js';
import { trainingImporter } from './training.js';
import { transformImporter } from './transform.js';
import { tuningImporter } from './tuning.js';
import type { StepImporter } from './types.js';

/**
 * One importer per definition Type a kind compiles to; every other Type (ClarifyCheck,
 * QualityCheck: kinds whose compile builds more than the definition shows) is imported as the raw
 * `step` kind, and so is a notebook job's Training step the training kind cannot say.
 */
export const IMPORTERS: Readonly<Record<string, StepImporter>> = {
  Processing: processingImporter,
  Training: trainingImporter,
  Condition: conditionImporter,
  Callback: callbackImporter,
  Lambda: lambdaImporter,
  Fail: failImporter,
  Model: modelImporter,
  RegisterModel: registerModelImporter,
  EndpointConfig: endpointConfigImporter,
  Endpoint: endpointImporter,
  Transform: transformImporter,
  Tuning: tuningImporter,
  EMR: emrImporter,
  EMRServerless: emrServerlessImporter,
  AutoML: automlImporter,
};

export function importerOf(type: string): StepImporter {
  return Object.hasOwn(IMPORTERS, type) ? (IMPORTERS[type] as StepImporter) : rawImporter;
}

export { rawImporter };
