/**
 * The import's promise, kept by compiling: the spec it writes compiles to the same Parameters and
 * Steps as the definition (in the normal form of import/normalize.ts). Each step starts as its
 * kind's sugar; where the compiled step differs, what differs goes under `arguments:` (merged last
 * by the compiler); where even that cannot say it (the kind always writes a member the step lacks,
 * an envelope member differs, the sugar does not compile), the step becomes a raw `step`. What no
 * spec can say is an SMP8009 warning naming the step and the first path that differs.
 */
import { compile, type CompileResult } from '../compile/compile.js';
import { definitionSteps } from '../compile/definition-steps.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/reporter.js';
import { isJsonObject, isPipelineFunction, type Json, type JsonObject } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import type { DefinitionStep } from './definition.js';
import { firstDifference, normalize, normalStep } from './normalize.js';
import { buildSpec, type BuiltSpec, type StepPlan } from './spec.js';
import { rawImporter } from './steps/index.js';
import { renderSpec } from './yaml.js';

export interface ImportOptions {
  /** The pipeline name the spec gets. */
  name: string;
  /** Where the spec will be written: diagnostics name it, relative paths would resolve from it. */
  file: string;
  /** What was imported, for the spec's first line (a file name or a pipeline name). */
  from: string;
}

export interface ImportResult {
  text: string;
  /** The imported spec's own diagnostics (its compile), then SMP8009 for what differs. */
  diagnostics: Diagnostic[];
  result: CompileResult;
  /** Steps written as the raw step kind, and those whose kind needed `arguments:`. */
  raw: string[];
  overridden: string[];
}

const ROUNDS = 5;

export function importDefinition(definition: JsonObject, steps: readonly DefinitionStep[], options: ImportOptions): ImportResult {
  const plans = new Map<string, StepPlan>(steps.map((s) => [s.name, { mode: 'sugar' }]));
  let attempt = render(definition, steps, plans, options);
  for (let round = 1; round < ROUNDS && revise(plans, steps, attempt.result); round++) attempt = render(definition, steps, plans, options);
  const { text, result, built } = attempt;
  const findings = hasErrors(result.diagnostics) ? notCompiled(result, options.file) : differences(definition, steps, result, options.file);
  const raw = [...built.steps].filter(([, b]) => b.importer === rawImporter).map(([n]) => n);
  const overridden = [...built.steps].filter(([, b]) => b.importer !== rawImporter && b.spec.arguments !== undefined).map(([n]) => n);
  return { text, diagnostics: sortDiagnostics([...result.diagnostics, ...findings]), result, raw, overridden };
}

function render(definition: JsonObject, steps: readonly DefinitionStep[], plans: ReadonlyMap<string, StepPlan>, options: ImportOptions): { text: string; result: CompileResult; built: BuiltSpec } {
  const built = buildSpec(definition, steps, plans, options.name);
  const text = renderSpec(built.spec, options.from);
  return { text, result: compile(text, { file: options.file }), built };
}

/** Changes the plans after a compile; false when nothing more can be done. */
function revise(plans: Map<string, StepPlan>, steps: readonly DefinitionStep[], result: CompileResult): boolean {
  if (hasErrors(result.diagnostics)) return toRaw(plans, stepsWithErrors(result.diagnostics));
  const compiled = new Map(definitionSteps(result.definition).map((s) => [s.name, s.step]));
  let changed = false;
  for (const { name, step } of steps) {
    const plan = plans.get(name) as StepPlan;
    const got = compiled.get(name);
    if (plan.mode === 'raw' || !got || same(step, got)) continue;
    const override = plan.override === undefined && sameEnvelope(step, got) ? argumentsOverride(argumentsOf(step), argumentsOf(got)) : null;
    plans.set(name, override === null ? { mode: 'raw' } : { mode: 'sugar', override: override ?? {} });
    changed = true;
  }
  return changed;
}

/** The steps whose own fields hold an error (`/steps/NAME/…`). */
function stepsWithErrors(diagnostics: readonly Diagnostic[]): string[] {
  const names = diagnostics.filter((d) => d.severity === 'error').map((d) => /^\/steps\/([^/]+)/.exec(d.pointer)?.[1]);
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function toRaw(plans: Map<string, StepPlan>, names: readonly string[]): boolean {
  let changed = false;
  for (const name of names) {
    const plan = plans.get(name);
    if (!plan || plan.mode === 'raw') continue;
    plans.set(name, { mode: 'raw' });
    changed = true;
  }
  return changed;
}

function same(a: JsonObject, b: JsonObject): boolean {
  return JSON.stringify(normalStep(a)) === JSON.stringify(normalStep(b));
}

/** Everything but Arguments, which `arguments:` can still add to. */
function sameEnvelope(a: JsonObject, b: JsonObject): boolean {
  const strip = (s: JsonObject): JsonObject => ({ ...s, Arguments: null });
  return same(strip(a), strip(b));
}

/** Arguments without a condition's branches: those are steps of their own. */
function argumentsOf(step: JsonObject): Json {
  const args = step.Arguments ?? null;
  if (step.Type !== 'Condition' || !isJsonObject(args)) return args;
  const { IfSteps: _then, ElseSteps: _else, ...rest } = args;
  return rest;
}

const isPlain = (v: Json | undefined): v is JsonObject => isJsonObject(v) && !isPipelineFunction(v);

/**
 * What `arguments:` must hold so that merging it into `compiled` gives `original` (objects merge
 * key by key, anything else is replaced: compile/merge.ts); undefined when nothing; null when no
 * merge can, because `compiled` has a member `original` lacks.
 */
export function argumentsOverride(original: Json, compiled: Json): Json | undefined | null {
  if (JSON.stringify(normalize(original)) === JSON.stringify(normalize(compiled))) return undefined;
  if (!isPlain(original) || !isPlain(compiled)) return original;
  if (Object.keys(compiled).some((k) => !Object.hasOwn(original, k))) return null;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(original)) {
    const sub = Object.hasOwn(compiled, key) ? argumentsOverride(value, compiled[key] as Json) : value;
    if (sub === null) return null;
    if (sub !== undefined) out[key] = sub;
  }
  return Object.keys(out).length ? out : undefined;
}

/** SMP8009 for each step (and the parameters) that still differ. */
function differences(definition: JsonObject, steps: readonly DefinitionStep[], result: CompileResult, file: string): Diagnostic[] {
  const reporter = reporterFor(result, file);
  const compiled = new Map(definitionSteps(result.definition).map((s) => [s.name, s.step]));
  for (const { name, step } of steps) {
    const got = compiled.get(name);
    const path = got ? firstDifference(normalStep(step), normalStep(got)) : '(the whole step)';
    if (path !== undefined) reporter.report('SMP8009.notExact', joinPointer('/steps', name), { step: name, path, why: got ? 'no spec field writes it as the definition has it' : 'the step is missing' });
  }
  const params = firstDifference(normalize(definition.Parameters ?? []), normalize(isJsonObject(result.definition) ? result.definition.Parameters ?? [] : []), ['Parameters']);
  if (params !== undefined) reporter.report('SMP8009.notExact', '/parameters', { step: 'Parameters', path: params, why: 'a parameter the spec cannot declare as it is' });
  experiment(definition, reporter);
  return reporter.diagnostics;
}

function experiment(definition: JsonObject, reporter: Reporter): void {
  const config = definition.PipelineExperimentConfig;
  if (!isJsonObject(config)) return;
  const standard = JSON.stringify(config) === JSON.stringify({ ExperimentName: { Get: 'Execution.PipelineName' }, TrialName: { Get: 'Execution.PipelineExecutionId' } });
  if (!standard) reporter.report('SMP8009.experiment', '/experiment', { config: JSON.stringify(config), value: 'false' });
}

function notCompiled(result: CompileResult, file: string): Diagnostic[] {
  const reporter = reporterFor(result, file);
  reporter.report('SMP8009.notCompiled', '');
  return reporter.diagnostics;
}

function reporterFor(result: CompileResult, file: string): Reporter {
  const source = result.sources.get(file);
  if (!source) throw new Error(`the compile of ${file} kept no source`);
  return new Reporter(source);
}
