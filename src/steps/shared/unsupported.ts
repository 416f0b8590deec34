import type { StepContext } from '../types.js';
import { escapePointer } from './pointer.js';

/**
 * Request members the SageMaker API has but SageMaker Pipelines rejects in a step of this
 * type. They can only arrive through the `arguments:` escape hatch, so they are reported
 * there, with the reason, before CreatePipeline would fail on them.
 */
export function rejectUnsupportedArguments(ctx: StepContext, stepType: string, rejected: Readonly<Record<string, string>>): void {
  const raw = ctx.spec.arguments;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  for (const key of Object.keys(raw)) {
    const why = rejected[key];
    if (why !== undefined) ctx.report('SMP8001', `arguments/${escapePointer(key)}`, `${key} is not accepted in a ${stepType} step`, { at: 'key', hint: why });
  }
}
