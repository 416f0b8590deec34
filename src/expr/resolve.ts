import { problem, withHint, type Problem } from '../diagnostics/messages.js';
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
      return failed(withHint(problem('SMP3001.root', { ref, roots: ROOTS.join(', ') }), suggestion(root, ROOTS)));
  }
}

function resolveParameter(name: string, scope: Scope): Resolved | ScopeError {
  const type = scope.params.get(name);
  if (type === undefined) {
    return failed(withHint(problem('SMP3002.unknownParameter', { name }), suggestion(name, [...scope.params.keys()], 'declare it under parameters:')));
  }
  scope.onParameterReference?.(name);
  return { kind: 'runtime', value: { Get: `Parameters.${name}` }, type: PARAMETER_TYPES[type] };
}

function resolveVar(name: string, scope: Scope): Resolved | ScopeError {
  if (!scope.vars.has(name)) {
    return failed(withHint(problem('SMP3003.unknownVar', { name }), suggestion(name, [...scope.vars.keys()], 'declare it under vars:')));
  }
  const value = scope.vars.get(name);
  if (value === null || value === undefined) {
    return { problem: problem('SMP3004.unsetVar', { name }), once: `SMP3004:${name}` };
  }
  return { kind: 'literal', value, type: typeOfLiteral(value) };
}

function resolveExecution(name: string): Resolved | ScopeError {
  const get = Object.hasOwn(EXECUTION_VARIABLES, name) ? EXECUTION_VARIABLES[name] : undefined;
  if (!get) {
    return failed(withHint(problem('SMP3009.unknownExecutionVariable', { name }), suggestion(name, Object.keys(EXECUTION_VARIABLES))));
  }
  return { kind: 'runtime', value: { Get: get }, type: 'string' };
}

function resolveStep(rest: string, scope: Scope): Resolved | ScopeError {
  const match = /^([A-Za-z0-9_-]+)(?:\.(.*))?$/s.exec(rest);
  if (!match) return failed(problem('SMP3001.stepReference', { rest }));
  const [, step = '', tail = ''] = match;
  if (!scope.stepNames.has(step)) {
    return failed(withHint(problem('SMP3005.unknownStep', { step }), suggestion(step, [...scope.stepNames])));
  }
  if (step === scope.currentStep) return failed(problem('SMP3012.ownProperties', { step }));
  const result = scope.resolveStepProperty(step, tail);
  if (!result.ok) return failed(result.problem);
  scope.onStepReference?.(step);
  if ('get' in result) return { kind: 'runtime', value: { Get: result.get }, type: result.type, step };
  if ('jsonGet' in result) {
    const { propertyFile, path } = result.jsonGet;
    const value = { 'Std:JsonGet': { PropertyFile: { Get: propertyFile }, Path: path } };
    return { kind: 'runtime', value, type: result.type, step };
  }
  return { kind: 'runtime', value: { 'Std:Join': { On: '/', Values: result.join } }, type: result.type, step };
}

function failed(found: Problem): ScopeError {
  return { problem: found };
}

function suggestion(name: string, candidates: string[], fallback?: string): string | undefined {
  const near = closest(name, candidates);
  if (near) return `did you mean "${near}"?`;
  return fallback;
}
