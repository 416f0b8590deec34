/**
 * The spec an imported definition becomes, for a given plan per step: its kind's sugar (the
 * importer of its Type), or the raw `step` kind; plus what `arguments:` must add for the round
 * trip (import/round-trip.ts finds that by compiling).
 */
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { commonFields } from './envelope.js';
import { toSpec, toText, type Names } from './expressions.js';
import type { DefinitionStep } from './definition.js';
import { conditionImporter, UNSAID_CONDITION } from './steps/condition.js';
import { importerOf, rawImporter } from './steps/index.js';
import { decodedString } from './steps/training.js';
import type { ImportContext, SpecStep, StepImporter } from './steps/types.js';

/** How a step is written: its kind's sugar (with `arguments:` for what it cannot say), or the raw step. */
export interface StepPlan {
  mode: 'sugar' | 'raw';
  /** Definition values `arguments:` adds, merged last by the compiler (compile/merge.ts). */
  override?: Json;
}

export interface BuiltSpec {
  spec: Record<string, unknown>;
  /** Each step's importer and spec, by name. */
  steps: Map<string, { importer: StepImporter; spec: SpecStep }>;
}

/** The most passes names take to settle: a step's sugar decides how others name its properties. */
const PASSES = 4;

export function buildSpec(definition: JsonObject, steps: readonly DefinitionStep[], plans: ReadonlyMap<string, StepPlan>, name: string): BuiltSpec {
  const parameters = new Set(parameterNames(definition));
  const region = trainingRegion(steps);
  let built = new Map<string, { importer: StepImporter; spec: SpecStep }>();
  let previous = '';
  for (let pass = 0; pass < PASSES; pass++) {
    const ctx = contextFor(namesFrom(parameters, built), region);
    built = new Map(steps.map((s) => [s.name, stepSpec(s, plans.get(s.name) ?? { mode: 'sugar' }, ctx)]));
    const now = JSON.stringify([...built.values()].map((b) => b.spec));
    if (now === previous) break;
    previous = now;
  }
  return { spec: pipelineSpec(definition, name, region, built), steps: built };
}

function parameterNames(definition: JsonObject): string[] {
  const list = Array.isArray(definition.Parameters) ? definition.Parameters : [];
  return list.flatMap((p) => (isJsonObject(p) && typeof p.Name === 'string' ? [p.Name] : []));
}

/** vars.region: what the first script-mode training (or tuning) step's sagemaker_region says. */
function trainingRegion(steps: readonly DefinitionStep[]): string | undefined {
  for (const { step, type } of steps) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const definition = isJsonObject(args.TrainingJobDefinition) ? args.TrainingJobDefinition : {};
    const hps = type === 'Training' ? args.HyperParameters : type === 'Tuning' ? definition.StaticHyperParameters : undefined;
    const region = isJsonObject(hps) ? decodedString(hps.sagemaker_region) : undefined;
    if (region !== undefined && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return region;
  }
  return undefined;
}

function namesFrom(parameters: ReadonlySet<string>, built: ReadonlyMap<string, { importer: StepImporter; spec: SpecStep }>): Names {
  return {
    parameters,
    stepProperty: (step, rest) => {
      const target = built.get(step);
      return target ? target.importer.property(rest, target.spec) : undefined;
    },
    hasReport: (step, file) => {
      const target = built.get(step);
      return Boolean(target?.importer.reports?.(target.spec).includes(file));
    },
    joinProperty: (join) => {
      const step = stepOfJoin(join);
      const target = step === undefined ? undefined : built.get(step);
      const tail = target?.importer.joinProperty?.(join, step as string, target.spec);
      return tail === undefined ? undefined : `${step}.${tail}`;
    },
  };
}

/** The step whose property a join reads (its first `Get` of `Steps.S.…`). */
function stepOfJoin(join: JsonObject): string | undefined {
  const values = Array.isArray(join.Values) ? join.Values : [];
  for (const value of values) {
    const get = isJsonObject(value) && typeof value.Get === 'string' ? /^Steps\.([A-Za-z0-9_-]{1,64})\./.exec(value.Get)?.[1] : undefined;
    if (get !== undefined) return get;
  }
  return undefined;
}

function contextFor(names: Names, region: string | undefined): ImportContext {
  return { names, region, text: (value) => toText(value, names), spec: (value) => toSpec(value, names) };
}

function stepSpec(placed: DefinitionStep, plan: StepPlan, ctx: ImportContext): { importer: StepImporter; spec: SpecStep } {
  const { step, type } = placed;
  const isCondition = type === 'Condition';
  const importer = plan.mode === 'raw' && !isCondition ? rawImporter : importerOf(type);
  let sugar = importer.sugar(step, ctx);
  let override = plan.override;
  if (isCondition && (plan.mode === 'raw' || !sugar)) {
    sugar = { ...conditionImporter.sugar(step, ctx), when: UNSAID_CONDITION };
    override = { Conditions: isJsonObject(step.Arguments) ? step.Arguments.Conditions ?? [] : [] };
  }
  const used = sugar ? importer : rawImporter;
  const spec: SpecStep = { ...(sugar ?? rawImporter.sugar(step, ctx)), ...commonFields(step) };
  if (override !== undefined && used !== rawImporter) spec.arguments = ctx.spec(override);
  return { importer: used, spec };
}

const PARAMETER_KINDS: Readonly<Record<string, string>> = { String: 'string', Integer: 'integer', Float: 'float', Boolean: 'boolean' };

const DEFAULT_EXPERIMENT = JSON.stringify({ ExperimentName: { Get: 'Execution.PipelineName' }, TrialName: { Get: 'Execution.PipelineExecutionId' } });

function pipelineSpec(definition: JsonObject, name: string, region: string | undefined, steps: ReadonlyMap<string, { spec: SpecStep }>): Record<string, unknown> {
  const out: Record<string, unknown> = { pipeline: name };
  if (region !== undefined) out.vars = { region };
  out.experiment = isJsonObject(definition.PipelineExperimentConfig) && JSON.stringify(definition.PipelineExperimentConfig) === DEFAULT_EXPERIMENT;
  const parameters = Array.isArray(definition.Parameters) ? definition.Parameters.filter(isJsonObject) : [];
  if (parameters.length) out.parameters = Object.fromEntries(parameters.map((p) => [String(p.Name), parameterSpec(p)]));
  out.steps = Object.fromEntries([...steps].map(([stepName, built]) => [stepName, built.spec]));
  return out;
}

function parameterSpec(parameter: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = { type: PARAMETER_KINDS[String(parameter.Type)] ?? String(parameter.Type).toLowerCase() };
  if (parameter.DefaultValue !== undefined) out.default = parameter.DefaultValue;
  if (Array.isArray(parameter.EnumValues)) out.enum = parameter.EnumValues;
  if (typeof parameter.Description === 'string') out.description = parameter.Description;
  return out;
}
