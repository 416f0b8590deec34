import type { PlacedStep } from '../compile/definition-steps.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { ParameterType, PipelineSpec } from '../spec/types.js';
import type { StepKind } from '../steps/types.js';
import { checkRequestShape, type EnumExpressionHook, type ExprType } from './api-shapes/check.js';
import { enumHint } from './api-shapes/suggest.js';
import { joinPointer, valueAt } from '../spec/pointer.js';

const PARAMETER_EXPR_TYPES: Record<ParameterType, ExprType> = { string: 'string', integer: 'integer', float: 'float', boolean: 'boolean' };

/**
 * Checks each job step's compiled Arguments against the SageMaker request shape
 * it becomes, and places each finding on the spec line that produced it.
 */
export function checkApiShapes(steps: readonly PlacedStep[], kinds: Map<string, StepKind>, params: Map<string, ParameterType>, spec: PipelineSpec, reporter: Reporter): void {
  const exprType = (expr: Record<string, unknown>): ExprType => {
    if ('Std:Join' in expr) return 'string';
    const get = typeof expr.Get === 'string' ? expr.Get : '';
    if (get.startsWith('Parameters.')) return PARAMETER_EXPR_TYPES[params.get(get.slice(11)) as ParameterType] ?? 'any';
    if (get.startsWith('Execution.')) return 'string';
    return 'any';
  };
  // A parameter standing for an enum (an instance type) sends its default or a chosen enum value: check those now.
  const checkParameterValues: EnumExpressionHook = (expr, enumName, values) => {
    const get = typeof expr.Get === 'string' ? expr.Get : '';
    const param = get.startsWith('Parameters.') ? get.slice(11) : undefined;
    if (param !== undefined) checkParameterAgainstEnum(param, enumName, values, spec, reporter);
  };
  for (const { name, step } of steps) {
    const api = kinds.get(name)?.api;
    if (!api) continue;
    const findings = checkRequestShape(api.request, step.Arguments, { omit: api.omit, exprType, onEnumExpression: checkParameterValues });
    for (const finding of findings) {
      if (finding.code === 'SMP8004' && isContainerArgument(finding.path)) continue; // SMP5003 says it, at the argument
      const pointer = specPointer(name, finding.path, api.origins, spec);
      // An unknown field is about its name: point at the key, as for spec schema errors.
      const at = finding.code === 'SMP8001' ? 'key' : 'value';
      reporter.reportProblem(finding.problem, pointer, { at });
    }
  }
}

/** The raw `arguments:` field when the finding is there, else the sugar field the kind maps it from. */
export function specPointer(step: string, path: (string | number)[], origins: Readonly<Record<string, string>>, spec: PipelineSpec): string {
  const base = joinPointer('/steps', step);
  const stepSpec = spec.steps[step];
  const full = path.join('/');
  if (valueAt(stepSpec?.arguments, full) !== undefined) return `${base}/arguments/${full}`;
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length; n > 0; n--) {
    const origin = origins[names.slice(0, n).join('.')];
    if (origin !== undefined && valueAt(stepSpec, origin) !== undefined) return `${base}/${origin}`;
  }
  for (let n = path.length - 1; n > 0; n--) {
    const rel = path.slice(0, n).join('/');
    if (valueAt(stepSpec?.arguments, rel) !== undefined) return `${base}/arguments/${rel}`;
  }
  return `${base}/kind`;
}

/** The default and enum values of parameter `name` must be values SageMaker accepts where it is used. */
function checkParameterAgainstEnum(name: string, enumName: string, values: readonly string[], spec: PipelineSpec, reporter: Reporter): void {
  const parameter = spec.parameters && Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
  if (!parameter || parameter.type !== 'string') return;
  const base = joinPointer('/parameters', name);
  const listed = Array.isArray(parameter.enum) ? parameter.enum.map((v, i): [unknown, string] => [v, `${base}/enum/${i}`]) : [];
  // A default that is also listed in the enum is reported there, once.
  const candidates: [unknown, string][] = listed.some(([v]) => v === parameter.default) ? listed : [[parameter.default, `${base}/default`], ...listed];
  for (const [value, pointer] of candidates) {
    if (typeof value !== 'string' || values.includes(value)) continue;
    const hint = enumHint(value, values);
    reporter.report('SMP8003.parameter', pointer, { name, value, enumName }, { once: `SMP8003:${pointer}`, ...(hint && { hint }) });
  }
}

/** AppSpecification.ContainerArguments[i]: its length has a check of its own (names.ts, SMP5003). */
function isContainerArgument(path: readonly (string | number)[]): boolean {
  return path.length === 3 && path[0] === 'AppSpecification' && path[1] === 'ContainerArguments' && typeof path[2] === 'number';
}
