import { text } from '../spec/schema-helpers.js';
import { compileInputs, inputsField, outputParameters, outputsField, resolveOutputParameter } from './shared/outputs-params.js';
import type { StepContext, StepKind } from './types.js';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;

/**
 * A lambda step invokes an existing function. The definition has no timeout field for it
 * (LambdaStep.to_request in the SageMaker SDK emits only FunctionArn, OutputParameters and
 * CacheConfig; AWS's definition schema allows nothing else): the function's own timeout
 * applies. FunctionArn is a plain string there, so it is a compile-time value here.
 */
export const lambda: StepKind = {
  kind: 'lambda',
  type: 'Lambda',
  description: 'Invokes an AWS Lambda function with the inputs as its event; the function\'s JSON result supplies the declared outputs.',
  properties: {
    function: text('ARN of the Lambda function (FunctionArn), known at compile time, e.g. arn:aws:lambda:us-east-1:111122223333:function:deploy or ${vars.deployFunctionArn}.'),
    inputs: inputsField('The event the function receives (any JSON; strings may hold ${...} expressions).'),
    outputs: outputsField('Keys of the function\'s result to expose, with their type; later steps read them with ${steps.S.outputs.NAME}.'),
  },
  required: ['function'],
  supportsRetry: false,
  supportsCache: true,
  resolveProperty: (request) => resolveOutputParameter(request, 'lambda'),
  compile,
};

function compile(ctx: StepContext) {
  const arn = ctx.compileTime('function');
  const functionArn = arn === undefined ? '' : String(arn);
  // An unresolved or run-time reference is reported by compileTime and yields no text.
  const unresolved = functionArn === '' && String(ctx.spec.function).includes('${');
  if (!unresolved && !FUNCTION_ARN.test(functionArn)) {
    ctx.report('SMP2004', 'function', `"${functionArn}" is not a Lambda function ARN`, { hint: 'arn:aws:lambda:<region>:<account>:function:<name>' });
  }
  return { arguments: compileInputs(ctx), extras: { FunctionArn: functionArn, OutputParameters: outputParameters(ctx) } };
}
