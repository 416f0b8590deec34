import { text } from '../spec/schema-helpers.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';

/** A fail step stops the execution as Failed with ErrorMessage; it takes no cache or retry. */
export const fail: StepKind = {
  kind: 'fail',
  type: 'Fail',
  description: 'Stops the pipeline execution with status Failed and an error message, typically in the else-branch of a condition.',
  properties: {
    message: text('Error message shown for the failed execution; ${...} expressions are filled in at run time, e.g. "accuracy ${steps.Evaluate.reports.evaluation.metrics.accuracy} is below ${params.MinAccuracy}".'),
  },
  required: ['message'],
  supportsRetry: false,
  supportsCache: false,
  resolveProperty,
  compile,
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  return { ok: false, code: 'SMP3013', message: `a fail step exposes no properties ("${request.tail}")`, hint: 'nothing runs after a fail step' };
}

function compile(ctx: StepContext) {
  return { arguments: { ErrorMessage: ctx.value('message', 'string') ?? '' } };
}
