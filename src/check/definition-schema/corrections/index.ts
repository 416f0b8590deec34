import type { SchemaCorrection } from '../correction.js';
import { ARGUMENT_CORRECTIONS } from './arguments.js';
import { CONDITION_CORRECTIONS } from './conditions.js';
import { EXPRESSION_CORRECTIONS } from './expressions.js';
import { JOB_STEP_CORRECTIONS } from './job-steps.js';
import { NEW_STEP_TYPE_CORRECTIONS } from './new-step-types.js';
import { PIPELINE_CORRECTIONS } from './pipeline.js';
import { STEP_CORRECTIONS } from './steps.js';
import { TUNING_CORRECTIONS } from './tuning.js';

/**
 * Every correction, in the order they are applied. Order matters in one direction only:
 * expressions come first because later corrections reference JoinFunction/JsonGetFunction.
 */
export const CORRECTIONS: readonly SchemaCorrection[] = [
  ...PIPELINE_CORRECTIONS,
  ...EXPRESSION_CORRECTIONS,
  ...CONDITION_CORRECTIONS,
  ...NEW_STEP_TYPE_CORRECTIONS,
  ...STEP_CORRECTIONS,
  ...ARGUMENT_CORRECTIONS,
  ...TUNING_CORRECTIONS,
  ...JOB_STEP_CORRECTIONS,
];
