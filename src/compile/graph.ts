import type { Reporter } from '../diagnostics/reporter.js';
import { joinPointer } from '../spec/pointer.js';

export interface StepNode {
  name: string;
  /** Steps this one reads properties of (data edges). */
  references: Set<string>;
  /** Explicit dependsOn. */
  dependsOn: string[];
  /** For condition steps: the step names of each branch. */
  branches?: { then: string[]; else: string[] };
}

/** Where a step sits: top level, or inside a branch of a condition. */
export interface Placement {
  condition: string;
  branch: 'then' | 'else';
}

export interface StepGraph {
  placement: Map<string, Placement>;
}

/** Where a finding about a step goes: its spec field, or (smpipe check) its place in a definition. */
export type StepPointer = (step: string, ...rest: (string | number)[]) => string;

const specPointer: StepPointer = (step, ...rest) => joinPointer('/steps', step, ...rest);

/** Branch membership, cycles and cross-branch references (the rules CreatePipeline enforces). */
export function analyseGraph(nodes: Map<string, StepNode>, reporter: Reporter, pointerOf: StepPointer = specPointer): StepGraph {
  const placement = placeBranches(nodes, reporter, pointerOf);
  findCycles(nodes, placement, reporter, pointerOf);
  checkBranchReferences(nodes, placement, reporter, pointerOf);
  return { placement };
}

function placeBranches(nodes: Map<string, StepNode>, reporter: Reporter, pointerOf: StepPointer): Map<string, Placement> {
  const placement = new Map<string, Placement>();
  for (const node of nodes.values()) {
    for (const branch of ['then', 'else'] as const) {
      node.branches?.[branch].forEach((member, i) => {
        const pointer = pointerOf(node.name, branch, i);
        const previous = placement.get(member);
        if (!nodes.has(member)) {
          reporter.report('SMP3005.unknownBranchStep', pointer, { step: member, branch, condition: node.name });
          return;
        }
        if (member === node.name) reporter.report('SMP4006.listsItself', pointer, { condition: node.name, branch });
        else if (previous) reporter.report('SMP4002.twoBranches', pointer, { step: member, branch: previous.branch, condition: previous.condition });
        else placement.set(member, { condition: node.name, branch });
      });
    }
  }
  for (const [member, place] of placement) {
    if (isAncestor(member, place.condition, placement)) {
      reporter.report('SMP4006.listsAncestor', pointerOf(place.condition), { condition: place.condition, ancestor: member });
      placement.delete(member);
    }
  }
  return placement;
}

/** Is `candidate` a condition that (transitively) contains `step`? */
function isAncestor(candidate: string, step: string, placement: Map<string, Placement>): boolean {
  const seen = new Set<string>();
  for (let p = placement.get(step); p && !seen.has(p.condition); p = placement.get(p.condition)) {
    if (p.condition === candidate) return true;
    seen.add(p.condition);
  }
  return false;
}

/** Run-after edges: data references, dependsOn, and branch members after their condition. */
function runsAfter(node: StepNode, placement: Map<string, Placement>): string[] {
  const after = [...node.references, ...node.dependsOn];
  const place = placement.get(node.name);
  if (place) after.push(place.condition);
  return after;
}

function findCycles(nodes: Map<string, StepNode>, placement: Map<string, Placement>, reporter: Reporter, pointerOf: StepPointer): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    const node = nodes.get(name);
    for (const next of node ? runsAfter(node, placement) : []) {
      if (!nodes.has(next)) continue;
      if (state.get(next) === 'visiting') reportCycle(stack.slice(stack.indexOf(next)), reported, reporter, pointerOf);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of nodes.keys()) if (!state.has(name)) visit(name);
}

function reportCycle(cycle: string[], reported: Set<string>, reporter: Reporter, pointerOf: StepPointer): void {
  const key = [...cycle].sort().join(',');
  if (reported.has(key)) return;
  reported.add(key);
  const first = [...cycle].sort()[0] as string;
  const start = cycle.indexOf(first);
  const ordered = [...cycle.slice(start), ...cycle.slice(0, start), first];
  reporter.report('SMP4001.cycle', pointerOf(first), { cycle: ordered.join(' → ') }, { at: 'key' });
}

/** A step inside a branch may only be used from the same branch (or deeper inside it). */
function checkBranchReferences(nodes: Map<string, StepNode>, placement: Map<string, Placement>, reporter: Reporter, pointerOf: StepPointer): void {
  for (const node of nodes.values()) {
    const used = [...new Set([...node.references, ...node.dependsOn])];
    for (const target of used) {
      const place = placement.get(target);
      if (!place || node.name === place.condition) continue;
      if (!insideBranch(node.name, place, placement)) {
        reporter.report('SMP4003.crossBranch', pointerOf(node.name), { step: node.name, target, branch: place.branch, condition: place.condition }, { at: 'key' });
      }
    }
  }
}

function insideBranch(step: string, branch: Placement, placement: Map<string, Placement>): boolean {
  const seen = new Set<string>();
  for (let p = placement.get(step); p && !seen.has(p.condition); p = placement.get(p.condition)) {
    if (p.condition === branch.condition && p.branch === branch.branch) return true;
    seen.add(p.condition);
  }
  return false;
}
