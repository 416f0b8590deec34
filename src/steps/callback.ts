import { compileInputs, inputsField, outputParameters, outputsField, resolveOutputParameter } from './shared/outputs-params.js';
import { compileQueue, queueField } from './shared/queue.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';

const fields = kindFields({
  queue: queueField('SQS queue URL the message goes to (SqsQueueUrl), e.g. ${params.LabelingQueueUrl} or https://sqs.us-east-1.amazonaws.com/111122223333/labeling.'),
  inputs: inputsField('Values sent to the consumer as the message\'s "arguments" (any JSON; strings may hold ${...} expressions).'),
  outputs: outputsField('Output parameters the consumer returns, by name, with their type; later steps read them with ${steps.S.outputs.NAME}.'),
}, ['queue']);

/**
 * A callback step: SageMaker sends {token, pipelineExecutionArn, arguments, status} to the
 * SQS queue and waits until a consumer calls SendPipelineExecutionStepSuccess/Failure.
 * The user arguments live under `inputs:` because `arguments:` is every kind's raw
 * escape hatch, merged into the same Arguments object by the compiler core.
 */
export const callback = defineKind({
  kind: 'callback',
  type: 'Callback',
  description: 'Waits for an outside system: SageMaker puts a message with a callback token and the inputs on an SQS queue, and the step ends when a consumer calls SendPipelineExecutionStepSuccess (with the output values) or SendPipelineExecutionStepFailure.',
  fields,
  retryExceptions: [],
  supportsCache: true,
  resolveProperty: (request) => resolveOutputParameter(request, 'callback', request.spec.outputs),
  compile,
});

function compile(ctx: StepContext<SpecOf<typeof fields>>) {
  const args = compileInputs(ctx, ctx.at('inputs'));
  return { arguments: args, extras: { SqsQueueUrl: compileQueue(ctx, ctx.at('queue')), OutputParameters: outputParameters(ctx, ctx.at('outputs')) } };
}
