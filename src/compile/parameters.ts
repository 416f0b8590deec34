import type { Reporter } from '../diagnostics/reporter.js';
import type { Json } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import type { ParameterSpec, ParameterType } from '../spec/types.js';

const DEFINITION_TYPES: Record<ParameterType, string> = { string: 'String', integer: 'Integer', float: 'Float', boolean: 'Boolean' };

/** The definition's `Parameters`, in spec order; bad defaults and enums are reported here. */
export function compileParameters(parameters: Record<string, ParameterSpec>, reporter: Reporter): Json[] {
  return validParameters(parameters).map(([name, spec]) => {
    checkParameter(name, spec, reporter);
    const out: Record<string, Json> = { Name: name, Type: DEFINITION_TYPES[spec.type] };
    if (spec.default !== undefined) out.DefaultValue = spec.default;
    // The service takes EnumValues on String parameters only; other enums are enforced by `smpipe start`.
    if (Array.isArray(spec.enum) && spec.type === 'string') out.EnumValues = spec.enum;
    // AWS's published definition schema gives every parameter type a Description (ParameterDescription,
    // up to 4096 characters; schema/aws/), the schema the service model's PipelineDefinition documentation
    // links (botocore sagemaker service-2.json). The SDK never writes one (Parameter.to_request).
    if (typeof spec.description === 'string') out.Description = spec.description;
    return out;
  });
}

/** Parameters with a known type; one that is not a mapping, or has no known type, was reported by the spec schema. */
export function validParameters(parameters: Record<string, ParameterSpec>): [string, ParameterSpec][] {
  return Object.entries(parameters).filter(([, spec]) => typeof spec === 'object' && spec !== null && typeof spec.type === 'string' && Object.hasOwn(DEFINITION_TYPES, spec.type));
}

function checkParameter(name: string, spec: ParameterSpec, reporter: Reporter): void {
  const pointer = joinPointer('/parameters', name);
  const type = article(spec.type);
  if (spec.default !== undefined && !fits(spec.default, spec.type)) {
    reporter.report('SMP5008.defaultType', joinPointer(pointer, 'default'), { value: JSON.stringify(spec.default), type });
  }
  if (!Array.isArray(spec.enum)) return; // absent, or reported by the spec schema
  spec.enum.forEach((value, i) => {
    if (!fits(value, spec.type)) reporter.report('SMP5008.enumType', joinPointer(pointer, 'enum', i), { value: JSON.stringify(value), type });
  });
  if (spec.default !== undefined && !spec.enum.includes(spec.default)) {
    reporter.report('SMP5008.defaultNotInEnum', joinPointer(pointer, 'default'), { value: JSON.stringify(spec.default) });
  }
}

export function fits(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function article(type: ParameterType): string {
  return `${type === 'integer' ? 'an' : 'a'} ${type}`;
}
