import { inputsAndOutputs, outputProperty } from './outputs.js';
import type { StepImporter } from './types.js';

/** A Lambda step as the lambda kind: its FunctionArn is a compile-time value there, so a literal one only. */
export const lambdaImporter: StepImporter = {
  sugar(step, ctx) {
    const arn = step.FunctionArn;
    const rest = inputsAndOutputs(step, ctx);
    return typeof arn !== 'string' || arn.includes('${') || !rest ? undefined : { kind: 'lambda', function: arn, ...rest };
  },
  property: outputProperty,
};
