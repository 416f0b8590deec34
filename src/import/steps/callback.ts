import { inputsAndOutputs, outputProperty } from './outputs.js';
import type { StepImporter } from './types.js';

/** A Callback step as the callback kind: SqsQueueUrl, Arguments as inputs, OutputParameters as outputs. */
export const callbackImporter: StepImporter = {
  sugar(step, ctx) {
    const queue = ctx.text(step.SqsQueueUrl);
    const rest = inputsAndOutputs(step, ctx);
    return queue === undefined || !rest ? undefined : { kind: 'callback', queue, ...rest };
  },
  property: outputProperty,
};
