/** The SageMaker operations the emulator answers itself; everything else goes to moto. */
import type { Handlers, SageMakerContext } from './context.js';
import { executionHandlers } from './executions.js';
import { labelingHandlers } from './labeling.js';
import { pipelineHandlers } from './pipelines.js';
import { stepHandlers } from './steps.js';
import { workteamHandlers } from './workteams.js';

export function sagemakerHandlers(ctx: SageMakerContext): Handlers {
  return {
    ...pipelineHandlers(ctx),
    ...executionHandlers(ctx),
    ...stepHandlers(ctx),
    ...labelingHandlers(ctx),
    ...workteamHandlers(ctx.workteams),
  };
}
