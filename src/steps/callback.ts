import { compileInputs, inputsField, outputParameters, outputsField, resolveOutputParameter } from './shared/outputs-params.js';
import { compileQueue, queueField } from './shared/queue.js';
import type { StepContext, StepKind } from './types.js';

/**
 * A callback step: SageMaker sends {token, pipelineExecutionArn, arguments, status} to the
 * SQS queue and waits until a consumer calls SendPipelineExecutionStepSuccess/Failure.
 * The user arguments live under `inputs:` because `arguments:` is every kind's raw
 * escape hatch, merged into the same Arguments object by the compiler core.
 */
export const callback: StepKind = {
  kind: 'callback',
  type: 'Callback',
  description: 'Waits for an outside system: SageMaker puts a message with a callback token and the inputs on an SQS queue, and the step ends when a consumer calls SendPipelineExecutionStepSuccess (with the output values) or SendPipelineExecutionStepFailure.',
  properties: {
    queue: queueField('SQS queue URL the message goes to (SqsQueueUrl), e.g. ${params.LabelingQueueUrl} or https://sqs.us-east-1.amazonaws.com/111122223333/labeling.'),
    inputs: inputsField('Values sent to the consumer as the message\'s "arguments" (any JSON; strings may hold ${...} expressions).'),
    outputs: outputsField('Output parameters the consumer returns, by name, with their type; later steps read them with ${steps.S.outputs.NAME}.'),
  },
  required: ['queue'],
  supportsRetry: false,
  supportsCache: true,
  resolveProperty: (request) => resolveOutputParameter(request, 'callback'),
  compile,
};

function compile(ctx: StepContext) {
  return { arguments: compileInputs(ctx), extras: { SqsQueueUrl: compileQueue(ctx), OutputParameters: outputParameters(ctx) } };
}
