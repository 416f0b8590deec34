/** The cross-step checks of a definition: references resolve, DependsOn names steps, no cycles. */
import type { Definition, FlatStep } from './parse.js';
import { definitionError } from './errors.js';
import { collectReferences } from './refs.js';

/** Execution variables the service resolves (sagemaker.workflow.execution_variables). */
export const EXECUTION_VARIABLES: ReadonlySet<string> = new Set([
  'PipelineExecutionId', 'PipelineExecutionArn', 'PipelineName', 'PipelineArn', 'StartDateTime', 'CurrentDateTime',
  'ProcessingJobName', 'TrainingJobName',
]);

export function checkGraph(definition: Definition): void {
  const parameters = new Set(definition.parameters.map((p) => p.Name));
  for (const step of definition.steps) checkStepRefs(step, definition, parameters);
  checkExperimentConfig(definition);
  checkCycles(definition);
}

function checkStepRefs(step: FlatStep, definition: Definition, parameters: Set<string>): void {
  const dependsOn = step.raw['DependsOn'];
  if (dependsOn !== undefined && (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string'))) {
    throw definitionError(`Step '${step.name}' has a 'DependsOn' that is not a list of step names.`);
  }
  for (const name of dependsOn ?? []) {
    if (!definition.byName.has(name as string)) throw definitionError(`Step '${step.name}' depends on step '${String(name)}', but the pipeline has no step '${String(name)}'.`);
  }
  for (const ref of step.refs) {
    if (ref.root === 'Steps' && ref.name === step.name) throw definitionError(`Step '${step.name}' references itself in '${ref.path}'.`);
    if (ref.root === 'Steps' && !definition.byName.has(ref.name)) {
      throw definitionError(`Step '${step.name}' references step '${ref.name}' in '${ref.path}', but the pipeline has no step '${ref.name}'.`);
    }
    if (ref.root === 'Parameters' && !parameters.has(ref.name)) {
      throw definitionError(`Step '${step.name}' references parameter '${ref.name}', which is not defined in Parameters.`);
    }
    if (ref.root === 'Execution' && !EXECUTION_VARIABLES.has(ref.name)) {
      throw definitionError(`Step '${step.name}' references unknown execution variable '${ref.path}'.`);
    }
    if (!['Steps', 'Parameters', 'Execution'].includes(ref.root)) throw definitionError(`Step '${step.name}' has an invalid property reference '${ref.path}'.`);
  }
}

function checkExperimentConfig(definition: Definition): void {
  for (const ref of collectReferences(definition.raw['PipelineExperimentConfig'])) {
    if (ref.root !== 'Execution' && ref.root !== 'Parameters') throw definitionError(`PipelineExperimentConfig has an invalid property reference '${ref.path}'.`);
  }
}

/** Depth-first search over deps plus the branch → condition edge; reports the first cycle found. */
function checkCycles(definition: Definition): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      throw definitionError(`Step '${name}' is part of a dependency cycle: ${cycle.join(' -> ')}.`);
    }
    state.set(name, 'visiting');
    trail.push(name);
    const step = definition.byName.get(name)!;
    for (const dep of [...step.deps, ...(step.branch ? [step.branch.condition] : [])]) visit(dep);
    trail.pop();
    state.set(name, 'done');
  };
  for (const step of definition.steps) visit(step.name);
}
