/**
 * `smpipe check DEFINITION.json`: the checks that need no spec, on any pipeline definition (the
 * SDK's `pipeline.definition()`, a deployed one, a compiled one): AWS's definition schema as
 * corrected, each job step's Arguments against its Create* request shape, references (parameters,
 * execution variables, steps, property paths against the Describe* shapes, property files, output
 * parameters), unique step names, cycles and branch rules, and cache safety. Findings are placed
 * at the definition's own line and column.
 */
import { checkRequestShape, resolvePropertyPath, type ExprType } from '../check/api-shapes/check.js';
import { rootShape } from '../check/api-shapes/load.js';
import { checkCacheSafety } from '../check/cache-safety.js';
import { validateDefinition } from '../check/definition-schema/index.js';
import { valueRefs } from '../check/value-refs.js';
import { analyseGraph, type StepNode } from '../compile/graph.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { EXECUTION_VARIABLES } from '../expr/resolve.js';
import { isJsonObject, type JsonObject } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import { describeShapeOf, RAW_STEP_TYPES, requestOmit, type RawStepType } from '../steps/step.js';
import { loadDefinition, type DefinitionStep, type LoadedDefinition } from './definition.js';

const PARAMETER_TYPES: Readonly<Record<string, ExprType>> = { String: 'string', Integer: 'integer', Float: 'float', Boolean: 'boolean' };
const EXECUTION_GETS = new Set(Object.values(EXECUTION_VARIABLES));

/** Loads `text` as a definition and runs every check; the reporter holds the findings. */
export function checkDefinitionText(file: string, text: string): LoadedDefinition {
  const loaded = loadDefinition(file, text);
  // A definition that is not what it says (another Version, a key twice) is not checked further.
  if (loaded.definition && !hasErrors(loaded.reporter.diagnostics)) checkDefinition(loaded.definition, loaded.steps, loaded.reporter);
  return loaded;
}

export function checkDefinition(definition: JsonObject, steps: readonly DefinitionStep[], reporter: Reporter): void {
  const byName = uniqueSteps(steps, reporter);
  const parameters = parameterTypes(definition);
  for (const schema of validateDefinition(definition)) {
    reporter.report('SMP8006.definition', schema.path, { path: schema.path || '/', problem: schema.message }, { at: schema.message.startsWith('unknown property') ? 'key' : 'value' });
  }
  for (const placed of steps) {
    checkApiShape(placed, parameters, reporter);
    checkReferences(placed, byName, parameters, reporter);
  }
  analyseGraph(graphOf(steps, byName), reporter, pointerIn(byName));
  checkCacheSafety(definition, (step, path) => ({ pointer: joinPointer(`${byName.get(step)?.pointer ?? ''}/Arguments`, ...path), written: true }), reporter);
  dropSchemaRepeats(reporter);
}

const API_SHAPE_CODES: ReadonlySet<string> = new Set(['SMP8001', 'SMP8002', 'SMP8003', 'SMP8004', 'SMP8005']);

/**
 * A field the API request shape refuses (SMP8001-SMP8005, which names the request and says why)
 * is refused by the definition schema at the same spot too: one mistake, one finding.
 */
function dropSchemaRepeats(reporter: Reporter): void {
  const byApi = new Set(reporter.diagnostics.filter((d) => API_SHAPE_CODES.has(d.code)).map((d) => d.pointer));
  const kept = reporter.diagnostics.filter((d) => d.code !== 'SMP8006' || !byApi.has(d.pointer));
  reporter.diagnostics.splice(0, reporter.diagnostics.length, ...kept);
}

/** Step names must be unique across the definition, branches included (SMP8008 at the second). */
export function uniqueSteps(steps: readonly DefinitionStep[], reporter: Reporter): Map<string, DefinitionStep> {
  const byName = new Map<string, DefinitionStep>();
  for (const placed of steps) {
    if (byName.has(placed.name)) reporter.report('SMP8008.duplicateStep', `${placed.pointer}/Name`, { name: placed.name });
    else byName.set(placed.name, placed);
  }
  return byName;
}

function parameterTypes(definition: JsonObject): Map<string, ExprType> {
  const list = Array.isArray(definition.Parameters) ? definition.Parameters : [];
  return new Map(list.filter(isJsonObject).map((p) => [String(p.Name), PARAMETER_TYPES[String(p.Type)] ?? 'any']));
}

function checkApiShape(placed: DefinitionStep, parameters: Map<string, ExprType>, reporter: Reporter): void {
  const row = Object.hasOwn(RAW_STEP_TYPES, placed.type) ? (RAW_STEP_TYPES[placed.type as RawStepType] as { request?: { name: string; omit: readonly string[]; mayGive?: readonly string[] } }) : undefined;
  if (!row?.request || !rootShape(row.request.name)) return;
  const exprType = (expr: Record<string, unknown>): ExprType => {
    const get = typeof expr.Get === 'string' ? expr.Get : '';
    if ('Std:Join' in expr || get.startsWith('Execution.')) return 'string';
    return get.startsWith('Parameters.') ? parameters.get(get.slice('Parameters.'.length)) ?? 'any' : 'any';
  };
  const args = placed.step.Arguments;
  const base = `${placed.pointer}/Arguments`;
  for (const finding of checkRequestShape(row.request.name, args, { omit: requestOmit(row.request, args), exprType })) {
    reporter.reportProblem(finding.problem, joinPointer(base, ...finding.path), { at: finding.code === 'SMP8001' ? 'key' : 'value' });
  }
}

/** Every Get of the step and its DependsOn name something the definition has. */
function checkReferences(placed: DefinitionStep, byName: Map<string, DefinitionStep>, parameters: Map<string, ExprType>, reporter: Reporter): void {
  (Array.isArray(placed.step.DependsOn) ? placed.step.DependsOn : []).forEach((dep, i) => {
    if (typeof dep === 'string' && !byName.has(dep)) reporter.report('SMP3005.unknownStep', `${placed.pointer}/DependsOn/${i}`, { step: dep });
  });
  const { IfSteps: _then, ElseSteps: _else, ...args } = isJsonObject(placed.step.Arguments) ? placed.step.Arguments : {};
  const { Arguments: _args, Name: _name, ...envelope } = placed.step;
  for (const ref of [...valueRefs(args, ['Arguments']), ...valueRefs(envelope)]) {
    const pointer = joinPointer(placed.pointer, ...ref.path);
    if (ref.get.startsWith('Parameters.')) {
      const name = ref.get.slice('Parameters.'.length);
      if (!parameters.has(name)) reporter.report('SMP3002.unknownParameter', pointer, { name });
    } else if (ref.get.startsWith('Execution.')) {
      if (!EXECUTION_GETS.has(ref.get)) reporter.report('SMP3009.unknownExecutionVariable', pointer, { name: ref.get.slice('Execution.'.length) });
    } else if (ref.step !== undefined) {
      checkStepReference(placed.name, ref.get, byName, pointer, reporter);
    }
  }
}

function checkStepReference(from: string, get: string, byName: Map<string, DefinitionStep>, pointer: string, reporter: Reporter): void {
  const match = /^Steps\.([^.]+)\.?(.*)$/s.exec(get);
  const [, step = '', rest = ''] = match ?? [];
  const target = byName.get(step);
  if (!target) return reporter.report('SMP3005.unknownStep', pointer, { step });
  if (step === from) return reporter.report('SMP3012.ownProperties', pointer, { step });
  const file = /^PropertyFiles\.(.+)$/.exec(rest)?.[1];
  if (file !== undefined) return checkPropertyFile(target, file, pointer, reporter);
  const output = /^OutputParameters\['([^']*)'\]$/.exec(rest)?.[1];
  if (output !== undefined) return checkOutputParameter(target, output, pointer, reporter);
  if (target.type === 'Condition' || rest === '') return;
  const describe = describeShapeOf(target.type, rest);
  if (!describe) return;
  const resolved = resolvePropertyPath(describe, rest);
  if (!resolved.ok) reporter.report('SMP3008.notInShape', pointer, { shape: describe, problem: resolved.message }, resolved.hint ? { hint: resolved.hint } : {});
}

function checkPropertyFile(target: DefinitionStep, name: string, pointer: string, reporter: Reporter): void {
  const files = Array.isArray(target.step.PropertyFiles) ? target.step.PropertyFiles.filter(isJsonObject).map((f) => String(f.PropertyFileName)) : [];
  if (!files.includes(name)) reporter.report('SMP3007.noPropertyFile', pointer, { step: target.name, name, files: files.join(', ') || '(none)' });
}

function checkOutputParameter(target: DefinitionStep, name: string, pointer: string, reporter: Reporter): void {
  const outputs = Array.isArray(target.step.OutputParameters) ? target.step.OutputParameters.filter(isJsonObject).map((o) => String(o.OutputName)) : [];
  if (!outputs.includes(name)) reporter.report('SMP3006.noOutputParameter', pointer, { step: target.name, name, outputs: outputs.join(', ') || '(none)' });
}

/** The step graph as the compiler analyses it: data references, DependsOn, condition branches. */
function graphOf(steps: readonly DefinitionStep[], byName: Map<string, DefinitionStep>): Map<string, StepNode> {
  const nodes = new Map<string, StepNode>();
  for (const placed of byName.values()) {
    const { IfSteps: _then, ElseSteps: _else, ...args } = isJsonObject(placed.step.Arguments) ? placed.step.Arguments : {};
    const references = new Set(valueRefs({ ...placed.step, Arguments: args }).flatMap((r) => (r.step !== undefined && r.step !== placed.name && byName.has(r.step) ? [r.step] : [])));
    const dependsOn = (Array.isArray(placed.step.DependsOn) ? placed.step.DependsOn : []).filter((d): d is string => typeof d === 'string' && byName.has(d));
    nodes.set(placed.name, { name: placed.name, references, dependsOn });
  }
  for (const placed of steps) {
    if (!placed.parent || byName.get(placed.name) !== placed) continue;
    const condition = nodes.get(placed.parent.condition);
    if (!condition) continue;
    condition.branches ??= { then: [], else: [] };
    condition.branches[placed.parent.branch].push(placed.name);
  }
  return nodes;
}

/** A finding about a step (or its branch list) at its place in the definition. */
function pointerIn(byName: Map<string, DefinitionStep>) {
  return (step: string, ...rest: (string | number)[]): string => {
    const base = byName.get(step)?.pointer ?? '';
    if (rest[0] === 'then' || rest[0] === 'else') return joinPointer(`${base}/Arguments/${rest[0] === 'then' ? 'IfSteps' : 'ElseSteps'}`, ...rest.slice(1));
    if (rest[0] === 'dependsOn') return joinPointer(`${base}/DependsOn`, ...rest.slice(1));
    return rest.length ? joinPointer(base, ...rest) : `${base}/Name`;
  };
}
