import type { Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import { text, type Schema } from '../../spec/schema-helpers.js';
import type { StepServices } from '../types.js';

/**
 * The SQS queue of a Callback step, shared by the kinds that compile to one (callback,
 * ground-truth): SageMaker puts {token, pipelineExecutionArn, arguments, status} there and
 * waits for SendPipelineExecutionStepSuccess/Failure.
 */
export function queueField(description: string): Schema<string> {
  return text(description);
}

/** SqsQueueUrl: a parameter or var is fine; a literal must at least look like an https queue URL. */
export function compileQueue(ctx: StepServices, field: Field<string>): Json {
  const queue = ctx.value(field, 'string');
  // A failed lowering hands back the raw text (already reported): check only resolved literals.
  if (typeof queue === 'string' && !queue.includes('${') && !/^https:\/\/\S+$/.test(queue)) {
    ctx.report('SMP2004.queueUrl', field, { queue });
  }
  return queue;
}
