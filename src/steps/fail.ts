import { problem } from '../diagnostics/messages.js';
import { text } from '../spec/schema-helpers.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext } from './types.js';

const fields = kindFields({
  message: text('Error message shown for the failed execution; ${...} expressions are filled in at run time, e.g. "accuracy ${steps.Evaluate.reports.evaluation.metrics.accuracy} is below ${params.MinAccuracy}".'),
}, ['message']);

type Spec = SpecOf<typeof fields>;

/** A fail step stops the execution as Failed with ErrorMessage; it takes no cache or retry. */
export const fail = defineKind({
  kind: 'fail',
  type: 'Fail',
  description: 'Stops the pipeline execution with status Failed and an error message, typically in the else-branch of a condition.',
  fields,
  retryExceptions: [],
  supportsCache: false,
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  return { ok: false, problem: problem('SMP3013.failProperties', { tail: request.tail }) };
}

function compile(ctx: StepContext<Spec>) {
  return { arguments: { ErrorMessage: ctx.value(ctx.at('message'), 'string') } };
}
