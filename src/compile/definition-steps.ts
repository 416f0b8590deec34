import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';

/** A step envelope of a definition, with where it sits. */
export interface PlacedStep {
  step: JsonObject;
  name: string;
  type: string;
  /** '' at the top level; `Gate.then` / `Gate.else` inside a branch of condition Gate. */
  location: string;
}

/**
 * Every step envelope of a definition, condition branches included, depth first in definition
 * order: a condition's IfSteps/ElseSteps are full steps nested in it, not repeated at the top
 * level. Reads any JSON (a deployed definition too): what is not a step object is passed over.
 */
export function definitionSteps(definition: Json | undefined): PlacedStep[] {
  const out: PlacedStep[] = [];
  const visit = (list: Json | undefined, location: string): void => {
    for (const step of Array.isArray(list) ? list : []) {
      if (!isJsonObject(step)) continue;
      const name = String(step.Name);
      const type = String(step.Type);
      out.push({ step, name, type, location });
      const args = step.Arguments;
      if (type !== 'Condition' || !isJsonObject(args)) continue;
      visit(args.IfSteps, `${name}.then`);
      visit(args.ElseSteps, `${name}.else`);
    }
  };
  visit(isJsonObject(definition) ? definition.Steps : undefined, '');
  return out;
}
