/**
 * Parses a pipeline definition and checks it the way CreatePipeline does, throwing a
 * ValidationException that names the offending step ("Step 'TrainDPO' …") so the deploy side can
 * point back at the YAML. The result is also what executions walk.
 */
import { definitionError } from './errors.js';
import { collectReferences, isObject, type Json, type JsonObject, type Reference } from './refs.js';
import { checkGraph } from './graph-checks.js';

export interface ParameterDef { Name: string; Type: 'String' | 'Integer' | 'Float' | 'Boolean'; DefaultValue?: Json; EnumValues?: Json[] }

export interface FlatStep {
  name: string;
  type: string;
  raw: JsonObject;
  /** Set for a step nested in a condition's IfSteps (outcome true) or ElseSteps (false). */
  branch?: { condition: string; outcome: boolean };
  /** Steps it reads (property references) or names in DependsOn. */
  deps: string[];
  refs: Reference[];
}

export interface Definition { raw: JsonObject; parameters: ParameterDef[]; steps: FlatStep[]; byName: Map<string, FlatStep> }

export const STEP_TYPES: ReadonlySet<string> = new Set([
  'Training', 'Processing', 'Transform', 'Tuning', 'Model', 'RegisterModel', 'Condition', 'Callback', 'Lambda',
  'Fail', 'QualityCheck', 'ClarifyCheck', 'EMR', 'AutoML', 'EndpointConfig', 'Endpoint',
]);
const STEP_NAME = /^[A-Za-z0-9\-_]{1,64}$/;
const PARAMETER_TYPES = new Set(['String', 'Integer', 'Float', 'Boolean']);
const BRANCHES = new Set(['IfSteps', 'ElseSteps']);
/** Fields a step of the given type cannot do without. */
const REQUIRED_FIELDS: Record<string, string[]> = { Callback: ['SqsQueueUrl'], Lambda: ['FunctionArn'] };

export function parseDefinition(text: string): Definition {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (error) { throw definitionError(`Invalid JSON: ${(error as Error).message}`); }
  if (!isObject(raw)) throw definitionError('The definition must be a JSON object.');
  if (raw['Version'] !== undefined && raw['Version'] !== '2020-12-01') throw definitionError(`Unsupported Version '${String(raw['Version'])}'; expected '2020-12-01'.`);
  if (!Array.isArray(raw['Steps'])) throw definitionError("Missing required field 'Steps'.");
  const parameters = parseParameters(raw['Parameters']);
  const steps: FlatStep[] = [];
  flatten(raw['Steps'], undefined, steps);
  const byName = new Map<string, FlatStep>();
  for (const step of steps) {
    if (byName.has(step.name)) throw definitionError(`Step '${step.name}' is defined more than once; step names must be unique.`);
    byName.set(step.name, step);
  }
  const definition = { raw, parameters, steps, byName };
  checkGraph(definition);
  return definition;
}

function parseParameters(value: Json | undefined): ParameterDef[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw definitionError("Field 'Parameters' must be a list.");
  const seen = new Set<string>();
  return value.map((p, i) => {
    if (!isObject(p) || typeof p['Name'] !== 'string') throw definitionError(`Parameter at index ${i} is missing required field 'Name'.`);
    const name = p['Name'];
    if (seen.has(name)) throw definitionError(`Parameter '${name}' is defined more than once.`);
    seen.add(name);
    if (typeof p['Type'] !== 'string' || !PARAMETER_TYPES.has(p['Type'])) throw definitionError(`Parameter '${name}' has unsupported type '${String(p['Type'])}'; expected String, Integer, Float or Boolean.`);
    return p as unknown as ParameterDef;
  });
}

function flatten(list: Json[], branch: FlatStep['branch'], out: FlatStep[]): void {
  list.forEach((item, index) => {
    const step = checkStep(item, index);
    out.push(step);
    if (branch) step.branch = branch;
    if (step.type !== 'Condition') return;
    const args = step.raw['Arguments'] as JsonObject;
    for (const [key, outcome] of [['IfSteps', true], ['ElseSteps', false]] as const) {
      const nested = args[key] ?? [];
      if (!Array.isArray(nested)) throw definitionError(`Step '${step.name}' has a '${key}' that is not a list.`);
      flatten(nested, { condition: step.name, outcome }, out);
    }
  });
}

function checkStep(item: Json, index: number): FlatStep {
  if (!isObject(item)) throw definitionError(`Step at index ${index} must be a JSON object.`);
  const name = item['Name'];
  if (typeof name !== 'string') throw definitionError(`Step at index ${index} is missing required field 'Name'.`);
  if (!STEP_NAME.test(name)) throw definitionError(`Step '${name}' has an invalid name: it must match ${STEP_NAME.source}.`);
  const type = item['Type'];
  if (typeof type !== 'string') throw definitionError(`Step '${name}' is missing required field 'Type'.`);
  if (!STEP_TYPES.has(type)) throw definitionError(`Step '${name}' has unsupported type '${type}'.`);
  // Every step type carries its request in Arguments; a Fail step's ErrorMessage is optional.
  if (type !== 'Fail' && !isObject(item['Arguments'])) throw definitionError(`Step '${name}' is missing required field 'Arguments'.`);
  for (const field of REQUIRED_FIELDS[type] ?? []) {
    if (item[field] === undefined) throw definitionError(`Step '${name}' is missing required field '${field}'.`);
  }
  if (type === 'Condition' && !Array.isArray((item['Arguments'] as JsonObject)['Conditions'])) {
    throw definitionError(`Step '${name}' is missing required field 'Arguments.Conditions'.`);
  }
  const refs = collectReferences(item, type === 'Condition' ? BRANCHES : new Set());
  const dependsOn = Array.isArray(item['DependsOn']) ? item['DependsOn'].filter((d): d is string => typeof d === 'string') : [];
  const deps = [...new Set([...refs.filter((r) => r.root === 'Steps').map((r) => r.name), ...dependsOn])];
  return { name, type, raw: item, deps, refs };
}
