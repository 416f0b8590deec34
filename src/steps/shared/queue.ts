import type { Json } from '../../expr/types.js';
import { text } from '../../spec/schema-helpers.js';
import type { JsonSchema, StepContext } from '../types.js';

/**
 * The SQS queue of a Callback step, shared by the kinds that compile to one (callback,
 * ground-truth): SageMaker puts {token, pipelineExecutionArn, arguments, status} there and
 * waits for SendPipelineExecutionStepSuccess/Failure.
 */
export function queueField(description: string): JsonSchema {
  return text(description);
}

/** SqsQueueUrl: a parameter or var is fine; a literal must at least look like an https queue URL. */
export function compileQueue(ctx: StepContext): Json {
  const queue = ctx.value('queue', 'string') ?? '';
  // A failed lowering hands back the raw text (already reported): check only resolved literals.
  if (typeof queue === 'string' && !queue.includes('${') && !/^https:\/\/\S+$/.test(queue)) {
    ctx.report('SMP2004', 'queue', `"${queue}" is not an SQS queue URL`, { hint: 'write it as https://sqs.<region>.amazonaws.com/<account>/<queue>' });
  }
  return queue;
}
