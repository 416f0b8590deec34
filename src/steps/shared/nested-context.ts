import type { Field } from '../../spec/field.js';
import type { CommonStep } from '../../spec/types.js';
import type { StepContext, StepServices } from '../types.js';

/**
 * A kind's fields nested inside another kind's step, compiled by that kind's own functions: the
 * tuning kind's `training:` holds the training kind's fields, and trainingJobRequest compiles them
 * exactly as for a training step. Fields and diagnostics point inside the nested object; the
 * services (defaults, assets, the step's name for default S3 locations) are the outer step's.
 *
 * `field` must hold a value the nested kind's fields validated (the outer kind's schema embeds
 * them), which is what the cast below states; a nested object has no common step fields, and the
 * kinds' job-request functions do not read them.
 */
export function nestedContext<T>(ctx: StepServices, field: Field<unknown>): StepContext<T> {
  const step = field as Field<T & CommonStep>;
  return { ...ctx, spec: step.raw, step, at: (key) => step.at(key) };
}
