/**
 * Selective execution (StartPipelineExecution's SelectiveExecutionConfig), as the developer guide
 * describes it (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-selective-ex.html):
 * only the selected steps run; the steps they depend on are not run again but reused from a
 * reference execution (SelectiveExecutionResult names it); steps that were not selected and are
 * not needed, downstream ones included, do not run. The API reference adds: "All step(s) in all
 * path(s) between two selected steps should be included", the reference may be Failed or
 * Succeeded, and it is required when a selected step depends on one that was not selected
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SelectiveExecutionConfig.html).
 */
import type { Definition } from '../definition/parse.js';
import { validationError } from '../sagemaker/errors.js';
import type { Execution, StepRun } from './model.js';

export interface SelectiveConfig { SourcePipelineExecutionArn?: string; SelectedSteps: Array<{ StepName: string }> }

export interface SelectivePlan {
  /** Steps reused from the reference, in definition order. */
  copy: string[];
  /** Steps this execution never runs. */
  skip: Set<string>;
}

/** What a step needs first: the steps it reads or names in DependsOn, and the condition whose branch holds it. */
function parentsOf(definition: Definition, name: string): string[] {
  const step = definition.byName.get(name);
  if (!step) return [];
  return step.branch ? [...step.deps, step.branch.condition] : step.deps;
}

export function ancestorsOf(definition: Definition, names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...names].flatMap((n) => parentsOf(definition, n));
  while (stack.length) {
    const next = stack.pop() as string;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...parentsOf(definition, next));
  }
  return out;
}

/** Checks the configuration against the definition and the reference; throws ValidationException as the service would. */
export function planSelective(definition: Definition, config: SelectiveConfig, reference: Execution | undefined): SelectivePlan {
  const selected = new Set(config.SelectedSteps.map((s) => s.StepName));
  for (const name of selected) {
    if (!definition.byName.has(name)) throw validationError(`Step '${name}' in SelectedSteps does not exist in the pipeline definition.`);
  }
  for (const name of selected) {
    for (const between of ancestorsOf(definition, [name])) {
      if (selected.has(between)) continue;
      const from = [...ancestorsOf(definition, [between])].find((a) => selected.has(a));
      if (from) throw validationError(`SelectedSteps must include every step on the paths between selected steps: '${between}' lies between '${from}' and '${name}'.`);
    }
  }
  const needed = [...ancestorsOf(definition, selected)].filter((n) => !selected.has(n));
  if (needed.length && !reference) {
    throw validationError(`SourcePipelineExecutionArn is required: the selected steps depend on steps that are not selected (${needed.sort().join(', ')}).`);
  }
  for (const name of needed) {
    if (reference?.runs.get(name)?.status !== 'Succeeded') {
      throw validationError(`Step '${name}' did not succeed in the reference execution ${reference?.arn}; select it, or use another reference execution.`);
    }
  }
  const copy = definition.steps.map((s) => s.name).filter((n) => needed.includes(n));
  const skip = new Set(definition.steps.map((s) => s.name).filter((n) => !selected.has(n) && !needed.includes(n)));
  return { copy, skip };
}

/** The reference's runs of the needed steps, as runs of this execution. */
export function copyRuns(execution: Execution, reference: Execution, plan: SelectivePlan, now: number): void {
  for (const name of plan.copy) {
    const source = reference.runs.get(name) as StepRun;
    execution.runs.set(name, {
      name, type: source.type, status: 'Succeeded', startTime: now, endTime: now, attempt: 1,
      metadata: source.metadata, properties: source.properties, selectiveSource: reference.arn,
      ...(source.displayName !== undefined ? { displayName: source.displayName } : {}),
      ...(source.description !== undefined ? { description: source.description } : {}),
    });
  }
  execution.skip = plan.skip;
}
