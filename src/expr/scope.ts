import type { Problem } from '../diagnostics/messages.js';
import type { ParameterType } from '../spec/types.js';
import type { PropertyResult } from '../steps/types.js';

/** Everything an expression can name, as seen from one step. */
export interface Scope {
  params: ReadonlyMap<string, ParameterType>;
  vars: ReadonlyMap<string, string | number | boolean | null>;
  stepNames: ReadonlySet<string>;
  /** The step being compiled; undefined at pipeline level. */
  currentStep?: string;
  resolveStepProperty(step: string, tail: string): PropertyResult;
  /** Called for every run-time reference to another step: the graph's data edges. */
  onStepReference?(step: string): void;
  /** Called for every parameter reference: unused-parameter warnings. */
  onParameterReference?(name: string): void;
}

/** Why a reference cannot be resolved. */
export interface ScopeError {
  problem: Problem;
  /** Report this error once however often it recurs (see ReportOptions.once). */
  once?: string;
}
