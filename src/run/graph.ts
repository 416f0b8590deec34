/**
 * Who waits for whom: a step starts when every step named in its DependsOn, every step whose
 * properties or property files it reads ({"Get": "Steps.X…"}), and, inside a branch, its
 * condition have finished (as SageMaker orders a pipeline: by data dependencies and DependsOn).
 */
import { stepArguments, type PlannedStep } from './definition.js';
import { collectGets, parseGet } from './expressions.js';
import type { Json } from '../expr/types.js';

export interface StepGraph {
  steps: Map<string, PlannedStep>;
  /** Step → the steps it waits for. */
  deps: Map<string, Set<string>>;
}

/** Every Get in what the runner resolves for the step, with its pointer (relative to the step). */
export function stepGets(step: PlannedStep): { path: string; pointer: string }[] {
  const { Arguments: _args, ...envelope } = step.step;
  return [...collectGets(stepArguments(step), '/Arguments'), ...collectGets(envelope as unknown as Json, '')];
}

export function buildGraph(planned: readonly PlannedStep[]): StepGraph {
  const steps = new Map(planned.map((p) => [p.name, p]));
  const deps = new Map<string, Set<string>>();
  for (const p of planned) {
    const waits = new Set<string>(p.step.DependsOn ?? []);
    for (const { path } of stepGets(p)) {
      const ref = parseGet(path);
      if (ref.root === 'Steps' && ref.name !== p.name) waits.add(ref.name);
    }
    if (p.branch) waits.add(p.branch.condition);
    deps.set(p.name, waits);
  }
  return { steps, deps };
}

/** A cycle as a list of step names, or undefined. */
export function findCycle(graph: StepGraph): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of graph.deps.get(name) ?? []) {
      if (!graph.steps.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of graph.steps.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** `name` and every step that waits for it, directly or not. */
export function downstreamOf(graph: StepGraph, name: string): Set<string> {
  const found = new Set([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [step, waits] of graph.deps) {
      if (!found.has(step) && [...waits].some((w) => found.has(w))) {
        found.add(step);
        grew = true;
      }
    }
  }
  return found;
}

/** Every step `name` waits for, directly or not. */
export function upstreamOf(graph: StepGraph, name: string): Set<string> {
  const found = new Set<string>();
  const visit = (n: string): void => {
    for (const dep of graph.deps.get(n) ?? []) if (!found.has(dep)) (found.add(dep), visit(dep));
  };
  visit(name);
  return found;
}
