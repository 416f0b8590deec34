import type { Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import { anyValue, map, oneOfText, type Schema } from '../../spec/schema-helpers.js';
import type { PropertyRequest, PropertyResult, StepServices } from '../types.js';
import { namedOutput, splitTail, unknownProperty } from './properties.js';
import { keysOf, setOwn } from '../../util/own.js';

/**
 * What callback and lambda steps share: free-form `inputs:` that become the step's
 * Arguments, and typed `outputs:` that become OutputParameters and are read back with
 * `${steps.S.outputs.NAME}` (→ `Steps.S.OutputParameters['NAME']`, as the SDK's
 * CallbackOutput/LambdaOutput do).
 */

const OUTPUT_TYPES = {
  string: 'String',
  integer: 'Integer',
  float: 'Float',
  boolean: 'Boolean',
} as const;

export type OutputTypeName = keyof typeof OUTPUT_TYPES;

/** Quotes or dots would break the property path `OutputParameters['NAME']`, so names stay plain. */
const OUTPUT_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export function inputsField(description: string): Schema<Record<string, unknown>> {
  return map(description, anyValue('A value of any JSON type; strings may hold ${...} expressions.'));
}

/** SendPipelineExecutionStepSuccess accepts at most 50 output parameters. */
export function outputsField(description: string): Schema<Record<string, OutputTypeName>> {
  const type = oneOfText('The output\'s type; later steps see the value with this type.', keysOf(OUTPUT_TYPES));
  return map(description, type, { maxProperties: 50 });
}

/** The step's Arguments: each input lowered where it stands, so errors point at its own line. */
export function compileInputs(ctx: StepServices, inputs: Field<Readonly<Record<string, unknown>> | undefined>): Record<string, Json> {
  const args: Record<string, Json> = {};
  for (const [key, value] of inputs.entries()) setOwn(args, key, ctx.value(value, 'json') ?? null);
  return args;
}

/**
 * OutputParameters, always present (possibly empty) as the SDK emits them. Names are checked
 * here rather than with the schema's propertyNames, so the finding sits on the key itself.
 */
export function outputParameters(ctx: StepServices, outputs: Field<Readonly<Record<string, OutputTypeName>> | undefined>): Json[] {
  return outputs.entries().map(([name, type]) => {
    if (!OUTPUT_NAME.test(name)) ctx.report('SMP2004.outputName', type, { name }, { at: 'key' });
    return { OutputName: name, OutputType: OUTPUT_TYPES[type.raw] };
  });
}

/** OutputParameters of a kind whose outputs are fixed by the kind itself (ground-truth), not by `outputs:`. */
export function fixedOutputParameters(outputs: Readonly<Record<string, OutputTypeName>>): Json[] {
  return Object.entries(outputs).map(([name, type]) => ({ OutputName: name, OutputType: OUTPUT_TYPES[type] }));
}

/**
 * `outputs.NAME` of a callback, lambda or ground-truth step, typed as declared (by the step's
 * `outputs:`, or by the kind itself).
 */
export function resolveOutputParameter(request: PropertyRequest, kind: string, outputs: Readonly<Record<string, OutputTypeName>> | undefined): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head !== 'outputs') return unknownProperty(request, kind, ['outputs.<name>']);
  return namedOutput(request, rest, outputs, (name) => ({
    ok: true,
    type: outputs?.[name] ?? 'string',
    get: `Steps.${request.stepName}.OutputParameters['${name}']`,
  }));
}
