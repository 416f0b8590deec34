import { text } from '../spec/schema-helpers.js';
import { compileInputs, inputsField, outputParameters, outputsField, resolveOutputParameter } from './shared/outputs-params.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;

const fields = kindFields({
  function: text('ARN of the Lambda function (FunctionArn), known at compile time, e.g. arn:aws:lambda:us-east-1:111122223333:function:deploy or ${vars.deployFunctionArn}.'),
  inputs: inputsField('The event the function receives (any JSON; strings may hold ${...} expressions).'),
  outputs: outputsField('Keys of the function\'s result to expose, with their type; later steps read them with ${steps.S.outputs.NAME}.'),
}, ['function']);

/**
 * A lambda step invokes an existing function. The definition has no timeout field for it
 * (LambdaStep.to_request in the SageMaker SDK emits only FunctionArn, OutputParameters and
 * CacheConfig; AWS's definition schema allows nothing else): the function's own timeout
 * applies. FunctionArn is a plain string there, so it is a compile-time value here.
 */
export const lambda = defineKind({
  kind: 'lambda',
  type: 'Lambda',
  description: 'Invokes an AWS Lambda function with the inputs as its event; the function\'s JSON result supplies the declared outputs.',
  fields,
  retryExceptions: [],
  supportsCache: true,
  resolveProperty: (request) => resolveOutputParameter(request, 'lambda', request.spec.outputs),
  compile,
});

function compile(ctx: StepContext<SpecOf<typeof fields>>) {
  const field = ctx.at('function');
  const arn = ctx.compileTime(field);
  const functionArn = arn === undefined ? '' : String(arn);
  // An unresolved or run-time reference is reported by compileTime and yields no text.
  const unresolved = functionArn === '' && field.raw.includes('${');
  if (!unresolved && !FUNCTION_ARN.test(functionArn)) ctx.report('SMP2004.functionArn', field, { arn: functionArn });
  const args = compileInputs(ctx, ctx.at('inputs'));
  return { arguments: args, extras: { FunctionArn: functionArn, OutputParameters: outputParameters(ctx, ctx.at('outputs')) } };
}
