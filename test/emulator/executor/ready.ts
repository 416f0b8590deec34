/** Which steps of an execution may start now: not started, branch taken, every dependency succeeded. */
import type { FlatStep } from '../definition/parse.js';
import { RUNNING, type Execution } from './model.js';

export function readySteps(execution: Execution): FlatStep[] {
  return execution.definition.steps.filter((step) =>
    !execution.runs.has(step.name) &&
    !execution.skip?.has(step.name) &&
    branchTaken(execution, step) &&
    step.deps.every((dep) => execution.runs.get(dep)?.status === 'Succeeded'));
}

/** A step inside IfSteps/ElseSteps runs only after its condition chose that branch. */
function branchTaken(execution: Execution, step: FlatStep): boolean {
  if (!step.branch) return true;
  const condition = execution.runs.get(step.branch.condition);
  return condition?.status === 'Succeeded' && condition.properties['Outcome'] === step.branch.outcome;
}

export function runningCount(execution: Execution): number {
  return [...execution.runs.values()].filter((run) => RUNNING.has(run.status)).length;
}
