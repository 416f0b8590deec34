import { isJsonObject } from '../../expr/types.js';
import type { StepImporter } from './types.js';

/** A Fail step as the fail kind: ErrorMessage as `message:` (text with expressions). */
export const failImporter: StepImporter = {
  sugar(step, ctx) {
    const message = ctx.text(isJsonObject(step.Arguments) ? step.Arguments.ErrorMessage : undefined);
    return message === undefined ? undefined : { kind: 'fail', message };
  },
  property: () => undefined,
};
