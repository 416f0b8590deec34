/** A condition step: its Conditions decide which branch runs; Outcome is a boolean property. */
import { evaluateConditions } from '../conditions.js';
import type { StepRunner } from './types.js';

export const conditionRunner: StepRunner = {
  generated: ['Outcome'],
  run: async (ctx) => {
    const outcome = evaluateConditions(ctx.args.Conditions);
    ctx.log(`smpipe: conditions ${outcome ? 'hold' : 'do not hold'}: ${JSON.stringify(ctx.args.Conditions)}\n`);
    return { properties: { Outcome: outcome }, outcome };
  },
};
