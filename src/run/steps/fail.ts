/** A fail step: the run ends failed with its (resolved) ErrorMessage. */
import { renderValue } from '../expressions.js';
import { StepFailure } from '../errors.js';
import type { StepRunner } from './types.js';

export const failRunner: StepRunner = {
  generated: [],
  run: async (ctx) => {
    throw new StepFailure(renderValue(ctx.args.ErrorMessage ?? ''));
  },
};
