import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';

/**
 * Request members the SageMaker API has but SageMaker Pipelines rejects in a step of this
 * type. They can only arrive through the `arguments:` escape hatch, so they are reported
 * there, with the reason, before CreatePipeline would fail on them.
 */
export function rejectUnsupportedArguments(ctx: StepServices, args: Field<Readonly<Record<string, unknown>> | undefined>, stepType: string, rejected: Readonly<Record<string, string>>): void {
  for (const [key, value] of args.entries()) {
    const why = Object.hasOwn(rejected, key) ? rejected[key] : undefined;
    if (why !== undefined) ctx.report('SMP8001.rejectedArgument', value, { key, stepType, why }, { at: 'key' });
  }
}
