import type { ExprType, Json } from '../../expr/types.js';
import { oneOfText } from '../../spec/schema-helpers.js';
import type { JsonSchema, PropertyRequest, PropertyResult, StepContext } from '../types.js';
import { escapePointer } from './pointer.js';
import { namedOutput, splitTail, unknownProperty } from './properties.js';
import { setOwn } from '../../util/own.js';

/**
 * What callback and lambda steps share: free-form `inputs:` that become the step's
 * Arguments, and typed `outputs:` that become OutputParameters and are read back with
 * `${steps.S.outputs.NAME}` (→ `Steps.S.OutputParameters['NAME']`, as the SDK's
 * CallbackOutput/LambdaOutput do).
 */

export type OutputTypeName = 'string' | 'integer' | 'float' | 'boolean';

const OUTPUT_TYPES: Readonly<Record<OutputTypeName, string>> = {
  string: 'String',
  integer: 'Integer',
  float: 'Float',
  boolean: 'Boolean',
};

/** Quotes or dots would break the property path `OutputParameters['NAME']`, so names stay plain. */
const OUTPUT_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export function inputsField(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: { description: 'A value of any JSON type; strings may hold ${...} expressions.' },
  };
}

/** SendPipelineExecutionStepSuccess accepts at most 50 output parameters. */
export function outputsField(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    maxProperties: 50,
    additionalProperties: oneOfText('The output\'s type; later steps see the value with this type.', Object.keys(OUTPUT_TYPES)),
  };
}

/** The step's Arguments: each input lowered where it stands, so errors point at its own line. */
export function compileInputs(ctx: StepContext): Record<string, Json> {
  const inputs = (ctx.spec.inputs as Record<string, unknown> | undefined) ?? {};
  const args: Record<string, Json> = {};
  for (const key of Object.keys(inputs)) setOwn(args, key, ctx.value(`inputs/${escapePointer(key)}`, 'json') ?? null);
  return args;
}

/**
 * OutputParameters, always present (possibly empty) as the SDK emits them. Names are checked
 * here rather than with the schema's propertyNames, so the finding sits on the key itself.
 */
export function outputParameters(ctx: StepContext): Json[] {
  const outputs = (ctx.spec.outputs as Record<string, OutputTypeName> | undefined) ?? {};
  return Object.entries(outputs).map(([name, type]) => {
    if (!OUTPUT_NAME.test(name)) {
      ctx.report('SMP2004', `outputs/${escapePointer(name)}`, `output name "${name}" must be 1-256 letters, digits, "_" or "-"`, { at: 'key', hint: 'later steps read it as Steps.S.OutputParameters[\'NAME\']' });
    }
    return { OutputName: name, OutputType: OUTPUT_TYPES[type] };
  });
}

/** OutputParameters of a kind whose outputs are fixed by the kind itself (ground-truth), not by `outputs:`. */
export function fixedOutputParameters(outputs: Readonly<Record<string, OutputTypeName>>): Json[] {
  return Object.entries(outputs).map(([name, type]) => ({ OutputName: name, OutputType: OUTPUT_TYPES[type] }));
}

/**
 * `outputs.NAME` of a callback or lambda step, typed as declared (by `outputs:`, or by the
 * kind when it passes `fixed`).
 */
export function resolveOutputParameter(request: PropertyRequest, kind: string, fixed?: Readonly<Record<string, OutputTypeName>>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head !== 'outputs') return unknownProperty(request, kind, ['outputs.<name>']);
  const outputs = fixed ?? (request.spec.outputs as Record<string, OutputTypeName> | undefined);
  return namedOutput(request, rest, outputs, (name) => ({
    ok: true,
    type: (outputs?.[name] ?? 'string') as ExprType,
    get: `Steps.${request.stepName}.OutputParameters['${name}']`,
  }));
}
