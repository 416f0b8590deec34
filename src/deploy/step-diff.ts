import { definitionSteps } from '../compile/definition-steps.js';
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { sortedJson } from '../util/canonical-json.js';
import { diffJson, type FieldDiff } from './json-diff.js';

/** One step wherever it sits: top level, or inside a condition's then/else branch. */
export interface FlatStep {
  name: string;
  type: string;
  /** `` at top level, `QualityGate.then` / `QualityGate.else` inside a branch. */
  location: string;
  /** The step object; a condition's branches are reduced to the names of their steps. */
  body: Record<string, unknown>;
}

export interface StepChange {
  change: 'added' | 'removed' | 'changed';
  name: string;
  type: string;
  location: string;
  /** For `changed`: the fields that differ. */
  fields: FieldDiff[];
}

/** Every step of a definition, nested condition branches included, in definition order. */
export function flattenSteps(definition: Json | undefined): FlatStep[] {
  return definitionSteps(definition).map(({ step, name, type, location }) => ({ name, type, location, body: withBranchNames(step) }));
}

/** A condition compared by the names in its branches: a change inside a branch belongs to that step. */
function withBranchNames(step: JsonObject): Record<string, unknown> {
  const args = step.Arguments;
  if (step.Type !== 'Condition' || !isJsonObject(args)) return step;
  const names = (list: Json | undefined) => (Array.isArray(list) ? list : []).map((s) => (isJsonObject(s) ? s.Name : undefined));
  return { ...step, Arguments: { ...args, IfSteps: names(args.IfSteps), ElseSteps: names(args.ElseSteps) } };
}

/** Added, removed and changed steps (in that order, each in definition order); unchanged ones are left out. */
export function diffSteps(from: Json | undefined, to: Json): StepChange[] {
  const before = new Map(flattenSteps(from).map((s) => [s.name, s]));
  const after = new Map(flattenSteps(to).map((s) => [s.name, s]));
  const added = [...after.values()].filter((s) => !before.has(s.name)).map((s) => change('added', s, []));
  const removed = [...before.values()].filter((s) => !after.has(s.name)).map((s) => change('removed', s, []));
  const changed = [...after.values()].flatMap((s) => {
    const old = before.get(s.name);
    if (!old || sameStep(old, s)) return [];
    const fields = old.location !== s.location ? [{ path: '(branch)', from: old.location || '(top level)', to: s.location || '(top level)' }] : [];
    return [change('changed', s, [...fields, ...diffJson(old.body, s.body)])];
  });
  return [...added, ...removed, ...changed];
}

function sameStep(a: FlatStep, b: FlatStep): boolean {
  return a.location === b.location && sortedJson(a.body) === sortedJson(b.body);
}

function change(kind: StepChange['change'], step: FlatStep, fields: FieldDiff[]): StepChange {
  return { change: kind, name: step.name, type: step.type, location: step.location, fields };
}

/** Definition fields outside Steps (Parameters by name, PipelineExperimentConfig, Version, Metadata). */
export function diffDefinitionSettings(from: Json | undefined, to: Json): FieldDiff[] {
  return diffJson(withoutSteps(from), withoutSteps(to));
}

function withoutSteps(definition: Json | undefined): Record<string, unknown> {
  const { Steps: _steps, Parameters, ...rest } = (definition ?? {}) as Record<string, unknown>;
  void _steps;
  const byName = Object.fromEntries(((Parameters as { Name: string }[] | undefined) ?? []).map((p) => [p.Name, p]));
  return { ...rest, Parameters: byName };
}
