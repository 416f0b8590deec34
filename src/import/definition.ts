/**
 * A pipeline definition read from JSON text (a definition.json, what the SDK's
 * `pipeline.definition()` prints, or DescribePipeline's PipelineDefinition), with a position for
 * every JSON pointer so findings print as definition.json:line:col. JSON is YAML 1.2, so the spec
 * loader indexes it; JSON.parse decides what is valid JSON.
 */
import type { Reporter } from '../diagnostics/reporter.js';
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { loadYaml } from '../spec/load.js';
import { positionAfter } from '../spec/read.js';
import type { SourceFile } from '../spec/source.js';
import { joinPointer } from '../spec/pointer.js';

/** A step of the definition, condition branches included, with where it sits. */
export interface DefinitionStep {
  step: JsonObject;
  name: string;
  type: string;
  /** JSON pointer of the step object in the definition. */
  pointer: string;
  /** The condition and branch it sits in, for a step nested in IfSteps/ElseSteps. */
  parent?: { condition: string; branch: 'then' | 'else' };
}

export interface LoadedDefinition {
  source: SourceFile;
  reporter: Reporter;
  /** Present when the text is a JSON object with a Steps list. */
  definition?: JsonObject;
  steps: DefinitionStep[];
}

/** Parses and indexes `text`; problems (not JSON, no Steps, duplicate keys) are diagnostics. */
export function loadDefinition(file: string, text: string): LoadedDefinition {
  const loaded = loadYaml(file, text);
  const { source, reporter } = loaded;
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (error) {
    notJson(error as Error, text, loaded);
    return { source, reporter, steps: [] };
  }
  // A duplicate key is legal to JSON.parse (the last wins) but a defect: keep what the loader found.
  const duplicates = loaded.reporter.diagnostics.filter((d) => d.code === 'SMP1002');
  reporter.diagnostics.splice(0, reporter.diagnostics.length, ...duplicates);
  if (!isJsonObject(parsed) || !Array.isArray(parsed.Steps)) {
    reporter.report('SMP8007.shape', '', { what: isJsonObject(parsed) ? 'an object without a Steps list' : 'not a JSON object' });
    return { source, reporter, steps: [] };
  }
  if (parsed.Version !== '2020-12-01') reporter.report('SMP8007.version', isJsonObject(parsed) && 'Version' in parsed ? '/Version' : '', { version: JSON.stringify(parsed.Version ?? null) });
  return { source, reporter, definition: parsed, steps: placedSteps(parsed) };
}

/** Not JSON: at the offset V8 names, else where the YAML reading stopped, else the start. */
function notJson(error: Error, text: string, loaded: ReturnType<typeof loadYaml>): void {
  const { reporter } = loaded;
  const yamlError = loaded.reporter.diagnostics.find((d) => d.severity === 'error');
  const offset = /at position (\d+)/.exec(error.message)?.[1];
  const at = offset !== undefined ? positionAfter(text.slice(0, Number(offset))) : yamlError?.range?.start ?? { line: 1, col: 1 };
  reporter.diagnostics.length = 0;
  reporter.report('SMP8007.json', '', { message: error.message.split('\n')[0] ?? error.message }, { range: { start: at, end: at } });
}

/** Every step object, depth first in definition order, each with its JSON pointer. */
export function placedSteps(definition: JsonObject): DefinitionStep[] {
  const out: DefinitionStep[] = [];
  const visit = (list: Json | undefined, pointer: string, parent?: DefinitionStep['parent']): void => {
    (Array.isArray(list) ? list : []).forEach((step, i) => {
      if (!isJsonObject(step)) return;
      const at = joinPointer(pointer, i);
      const placed: DefinitionStep = { step, name: String(step.Name), type: String(step.Type), pointer: at, ...(parent ? { parent } : {}) };
      out.push(placed);
      const args = step.Arguments;
      if (placed.type !== 'Condition' || !isJsonObject(args)) return;
      visit(args.IfSteps, `${at}/Arguments/IfSteps`, { condition: placed.name, branch: 'then' });
      visit(args.ElseSteps, `${at}/Arguments/ElseSteps`, { condition: placed.name, branch: 'else' });
    });
  };
  visit(definition.Steps, '/Steps');
  return out;
}
