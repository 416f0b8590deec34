/**
 * The steps of a pipeline definition as the runner sees them: every step (condition branches
 * included, which the definition nests in IfSteps/ElseSteps) with its JSON pointer, its branch,
 * and the steps it waits for.
 */
import type { Json } from '../expr/types.js';

export type JsonObject = { [key: string]: Json };

export interface PropertyFileDef {
  PropertyFileName: string;
  OutputName: string;
  FilePath: string;
}

export interface OutputParameterDef {
  OutputName: string;
  OutputType?: string;
}

export interface DefinitionStep {
  Name: string;
  Type: string;
  Arguments?: Json;
  DependsOn?: string[];
  DisplayName?: string;
  CacheConfig?: { Enabled?: boolean; ExpireAfter?: string };
  PropertyFiles?: PropertyFileDef[];
  SqsQueueUrl?: string;
  FunctionArn?: string;
  OutputParameters?: OutputParameterDef[];
  [key: string]: unknown;
}

export interface PlannedStep {
  name: string;
  type: string;
  step: DefinitionStep;
  /** JSON pointer of the step object in definition.json. */
  pointer: string;
  /** Set for a step inside a condition's IfSteps (outcome true) or ElseSteps (false). */
  branch?: { condition: string; outcome: boolean };
}

export interface ParameterDef {
  Name: string;
  Type: 'String' | 'Integer' | 'Float' | 'Boolean';
  DefaultValue?: string | number | boolean;
  EnumValues?: (string | number)[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every step, outer steps first in definition order, each branch's steps after their condition. */
export function flattenSteps(definition: JsonObject): PlannedStep[] {
  const out: PlannedStep[] = [];
  const visit = (steps: Json | undefined, pointer: string, branch?: PlannedStep['branch']): void => {
    if (!Array.isArray(steps)) return;
    steps.forEach((raw, index) => {
      if (!isObject(raw)) return;
      const step = raw as unknown as DefinitionStep;
      const here = `${pointer}/${index}`;
      out.push({ name: String(step.Name), type: String(step.Type), step, pointer: here, ...(branch ? { branch } : {}) });
      if (step.Type === 'Condition' && isObject(step.Arguments)) {
        visit(step.Arguments.IfSteps, `${here}/Arguments/IfSteps`, { condition: step.Name, outcome: true });
        visit(step.Arguments.ElseSteps, `${here}/Arguments/ElseSteps`, { condition: step.Name, outcome: false });
      }
    });
  };
  visit(definition.Steps, '/Steps');
  return out;
}

/** The parts of a step the runner resolves and hands to it: Arguments without nested branches. */
export function stepArguments(step: PlannedStep): Json {
  const args = step.step.Arguments;
  if (step.type !== 'Condition' || !isObject(args)) return args ?? {};
  const { IfSteps: _if, ElseSteps: _else, ...rest } = args;
  return rest;
}

export function parameterDefs(definition: JsonObject): ParameterDef[] {
  return Array.isArray(definition.Parameters) ? (definition.Parameters as unknown as ParameterDef[]) : [];
}
