import { formatProblem } from '../diagnostics/messages.js';
import type { ParameterType } from '../spec/types.js';
import { closest } from '../util/suggest.js';
import type { Scope, ScopeError } from './scope.js';
import { typeOfLiteral, type ExprType, type Resolved } from './types.js';

/** The eight execution variables, by their spec names. */
export const EXECUTION_VARIABLES: Readonly<Record<string, string>> = {
  id: 'Execution.PipelineExecutionId',
  arn: 'Execution.PipelineExecutionArn',
  pipelineName: 'Execution.PipelineName',
  pipelineArn: 'Execution.PipelineArn',
  currentDateTime: 'Execution.CurrentDateTime',
  startDateTime: 'Execution.StartDateTime',
  processingJobName: 'Execution.ProcessingJobName',
  trainingJobName: 'Execution.TrainingJobName',
};

const PARAMETER_TYPES: Record<ParameterType, ExprType> = {
  string: 'string',
  integer: 'integer',
  float: 'float',
  boolean: 'boolean',
};

const ROOTS = ['params', 'vars', 'execution', 'steps'];

/** Resolves the text inside `${...}`. */
export function resolveReference(ref: string, scope: Scope): Resolved | ScopeError {
  const dot = ref.indexOf('.');
  const root = dot < 0 ? ref : ref.slice(0, dot);
  const rest = dot < 0 ? '' : ref.slice(dot + 1);
  switch (root) {
    case 'params':
      return resolveParameter(rest, scope);
    case 'vars':
      return resolveVar(rest, scope);
    case 'execution':
      return resolveExecution(rest);
    case 'steps':
      return resolveStep(rest, scope);
    default:
      return {
        code: 'SMP3001',
        message: `"${ref}" does not start with one of ${ROOTS.join(', ')}`,
        hint: suggestion(root, ROOTS),
      };
  }
}

function resolveParameter(name: string, scope: Scope): Resolved | ScopeError {
  const type = scope.params.get(name);
  if (type === undefined) {
    return { code: 'SMP3002', message: `unknown parameter "${name}"`, hint: suggestion(name, [...scope.params.keys()], 'declare it under parameters:') };
  }
  scope.onParameterReference?.(name);
  return { kind: 'runtime', value: { Get: `Parameters.${name}` }, type: PARAMETER_TYPES[type] };
}

function resolveVar(name: string, scope: Scope): Resolved | ScopeError {
  if (!scope.vars.has(name)) {
    return { code: 'SMP3003', message: `unknown var "${name}"`, hint: suggestion(name, [...scope.vars.keys()], 'declare it under vars:') };
  }
  const value = scope.vars.get(name);
  if (value === null || value === undefined) {
    return { code: 'SMP3004', message: `var "${name}" has no value`, hint: unsetVarHint(name), once: `SMP3004:${name}` };
  }
  return { kind: 'literal', value, type: typeOfLiteral(value) };
}

function resolveExecution(name: string): Resolved | ScopeError {
  const get = Object.hasOwn(EXECUTION_VARIABLES, name) ? EXECUTION_VARIABLES[name] : undefined;
  if (!get) {
    return { code: 'SMP3009', message: `unknown execution variable "${name}"`, hint: suggestion(name, Object.keys(EXECUTION_VARIABLES)) };
  }
  return { kind: 'runtime', value: { Get: get }, type: 'string' };
}

function resolveStep(rest: string, scope: Scope): Resolved | ScopeError {
  const match = /^([A-Za-z0-9_-]+)(?:\.(.*))?$/s.exec(rest);
  if (!match) return { code: 'SMP3001', message: `expected steps.<StepName>.<property>, got "steps.${rest}"` };
  const [, step = '', tail = ''] = match;
  if (!scope.stepNames.has(step)) {
    return { code: 'SMP3005', message: `unknown step "${step}"`, hint: suggestion(step, [...scope.stepNames]) };
  }
  if (step === scope.currentStep) return { code: 'SMP3012', message: `step "${step}" cannot refer to its own properties` };
  const result = scope.resolveStepProperty(step, tail);
  if (!result.ok) return formatProblem(result.problem);
  scope.onStepReference?.(step);
  if ('get' in result) return { kind: 'runtime', value: { Get: result.get }, type: result.type, step };
  if ('jsonGet' in result) {
    const { propertyFile, path } = result.jsonGet;
    const value = { 'Std:JsonGet': { PropertyFile: { Get: propertyFile }, Path: path } };
    return { kind: 'runtime', value, type: result.type, step };
  }
  return { kind: 'runtime', value: { 'Std:Join': { On: '/', Values: result.join } }, type: result.type, step };
}

function suggestion(name: string, candidates: string[], fallback?: string): string | undefined {
  const near = closest(name, candidates);
  if (near) return `did you mean "${near}"?`;
  return fallback;
}

/** What to do about an unset var: the same words wherever it is missing. */
export function unsetVarHint(name: string): string {
  return `pass it with --vars FILE (a YAML file of var values) or --set ${name}=VALUE`;
}
