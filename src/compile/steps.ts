import type { Reporter } from '../diagnostics/reporter.js';
import type { Scope } from '../expr/scope.js';
import { isJsonObject, type Json } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import type { CommonStep, ParameterType, PipelineSpec, StepBody } from '../spec/types.js';
import type { VarValue } from '../spec/vars.js';
import { KINDS, isKind } from '../steps/index.js';
import type { StepKind } from '../steps/types.js';
import type { AssetRegistry } from './asset-registry.js';
import { cacheConfig, retryPolicies } from './envelope.js';
import { analyseGraph, type StepNode } from './graph.js';
import { mergeArguments } from './merge.js';
import { validParameters } from './parameters.js';
import type { PipelineSettings } from './settings.js';
import { createStepContext } from './step-context.js';

export interface CompileStepsInput {
  spec: PipelineSpec;
  vars: Map<string, VarValue>;
  settings: PipelineSettings;
  reporter: Reporter;
  registry: AssetRegistry;
  validSteps: Set<string>;
}

export interface CompiledSteps {
  /** Top-level steps with condition branches nested, in spec order. */
  steps: Json[];
  stepKinds: Map<string, StepKind>;
  parameterTypes: Map<string, ParameterType>;
  /** Every step with its references, dependsOn and branches, for `smpipe graph`. */
  nodes: Map<string, StepNode>;
  /** Steps that compiled without a problem: their Arguments are worth checking against the API. */
  clean: Set<string>;
}

/** The kind a step names, when it names one (a step that is not a mapping was reported by the spec schema). */
export function kindOf(step: unknown): StepKind | undefined {
  const kind = typeof step === 'object' && step !== null ? (step as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && isKind(kind) ? KINDS[kind] : undefined;
}

export function compileSteps(input: CompileStepsInput): CompiledSteps {
  const { spec, reporter } = input;
  // A parameter without a known type was reported by the spec schema; referring to it is then an error too.
  const parameterTypes = new Map(validParameters(spec.parameters ?? {}).map(([n, p]) => [n, p.type] as const));
  const stepKinds = new Map<string, StepKind>();
  const nodes = new Map<string, StepNode>();
  const envelopes = new Map<string, Record<string, Json>>();
  const usedParameters = new Set<string>();
  const clean = new Set<string>();
  const stepNames = new Set(Object.keys(spec.steps));
  for (const [name, step] of Object.entries(spec.steps)) {
    const kind = ownKind(kindOf(step), step, input.validSteps.has(name));
    if (kind) stepKinds.set(name, kind);
    const isObject = typeof step === 'object' && step !== null;
    const node: StepNode = { name, references: new Set(), dependsOn: isObject ? checkDependsOn(name, step, spec, reporter) : [] };
    nodes.set(name, node);
    const before = reporter.errorReportCount;
    if (kind && input.validSteps.has(name)) {
      if (kind.branches) node.branches = kind.branches(validated(step));
      const scope = stepScope(input, { name, node, stepNames, params: parameterTypes, used: usedParameters });
      envelopes.set(name, compileOne(input, name, step, kind, scope));
    }
    if (envelopes.has(name) && reporter.errorReportCount === before) clean.add(name);
    // A step with errors may not have resolved all its references: what it names still counts as used.
    else mentionedParameters(step, usedParameters);
  }
  reportUnusedParameters(spec, usedParameters, reporter);
  reportRedundantDependsOn(nodes, reporter);
  const graph = analyseGraph(nodes, reporter);
  return { steps: nest(spec, envelopes, nodes, graph.placement), stepKinds, parameterTypes, nodes, clean };
}

/** Every `params.NAME` written anywhere in a value, whether or not its expression could be read. */
function mentionedParameters(value: unknown, used: Set<string>): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/\bparams\s*\.\s*([A-Za-z][A-Za-z0-9_-]*)/g)) used.add(match[1] as string);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) mentionedParameters(item, used);
  }
}

interface ScopeParts {
  name: string;
  node: StepNode;
  stepNames: Set<string>;
  params: Map<string, ParameterType>;
  used: Set<string>;
}

function stepScope(input: CompileStepsInput, { name, node, stepNames, params, used }: ScopeParts): Scope {
  const { spec } = input;
  return {
    params,
    vars: input.vars,
    stepNames,
    currentStep: name,
    resolveStepProperty: (step, tail) => {
      const target = Object.hasOwn(spec.steps, step) ? spec.steps[step] : undefined;
      const kind = kindOf(target);
      if (!target || !kind || !input.validSteps.has(step)) return { ok: true, type: 'json', get: `Steps.${step}` };
      return kind.resolveProperty({ stepName: step, spec: validated(target), tail });
    },
    onStepReference: (step) => node.references.add(step),
    onParameterReference: (param) => used.add(param),
  };
}

/** A validated step's kind as that step has it: a kind whose Type is chosen per step (forStep) gives its own. */
function ownKind(kind: StepKind | undefined, step: StepBody, valid: boolean): StepKind | undefined {
  return kind?.forStep && valid ? kind.forStep(validated(step)) : kind;
}

/**
 * A step its kind's schema validated (the compiler core calls this only for `validSteps`): its
 * common fields are then what CommonStep says, and its own fields what its kind's schema says.
 */
function validated(step: StepBody): CommonStep {
  return step as CommonStep;
}

function compileOne(input: CompileStepsInput, name: string, body: StepBody, kind: StepKind, scope: Scope): Record<string, Json> {
  const { settings, reporter, registry } = input;
  const step = validated(body);
  const ctx = createStepContext({
    name, spec: step, scope, reporter, defaults: settings.defaults, assets: registry, region: settings.region,
    artifactsParts: artifactsParts(settings.artifacts),
  });
  const compiled = kind.compile(ctx);
  const raw = ctx.value(ctx.at('arguments'), 'json');
  const args = raw === undefined ? compiled.arguments : mergeArguments(compiled.arguments, raw);
  const envelope: Record<string, Json> = { Name: name, Type: kind.type, Arguments: args };
  if (step.dependsOn?.length) envelope.DependsOn = step.dependsOn;
  if (step.displayName !== undefined) envelope.DisplayName = String(ctx.compileTime(ctx.at('displayName')));
  if (step.description !== undefined) envelope.Description = String(ctx.compileTime(ctx.at('description')));
  addCacheAndRetry(envelope, step, kind, ctx.pointer, input);
  return Object.assign(envelope, compiled.extras ?? {});
}

function addCacheAndRetry(envelope: Record<string, Json>, step: CommonStep, kind: StepKind, pointer: string, input: CompileStepsInput): void {
  const { reporter, settings } = input;
  const supportsRetry = kind.retryExceptions.length > 0;
  if (step.cache !== undefined && !kind.supportsCache) reporter.report('SMP5006.noCache', joinPointer(pointer, 'cache'), { type: kind.type }, { at: 'key' });
  if (step.retry !== undefined && !supportsRetry) reporter.report('SMP5005.noRetry', joinPointer(pointer, 'retry'), { type: kind.type }, { at: 'key' });
  if (kind.supportsCache) {
    const cache = cacheConfig(step.cache ?? (kind.cacheFromDefaults === false ? undefined : settings.defaults.cache));
    if (cache) envelope.CacheConfig = cache;
  }
  if (supportsRetry) {
    const explicit = step.retry !== undefined;
    const retry = retryPolicies(step.retry ?? settings.defaults.retry, kind, explicit ? joinPointer(pointer, 'retry') : '/defaults/retry', explicit, reporter);
    if (retry) envelope.RetryPolicies = retry;
  }
}

/** `s3://bucket/a/b` → ["s3:/", "bucket", "a", "b"], the SDK's Join form for per-execution URIs. */
function artifactsParts(artifacts: string | undefined): string[] | undefined {
  const match = artifacts ? /^s3:\/\/(.+)$/.exec(artifacts) : null;
  if (!match) return undefined;
  return ['s3:/', ...(match[1] as string).split('/').filter(Boolean)];
}

function checkDependsOn(name: string, step: StepBody, spec: PipelineSpec, reporter: Reporter): string[] {
  const out: string[] = [];
  // A dependsOn that is not a list was reported by the step's schema.
  (Array.isArray(step.dependsOn) ? step.dependsOn : []).forEach((dep: unknown, i) => {
    const pointer = joinPointer('/steps', name, 'dependsOn', i);
    if (typeof dep !== 'string') return; // reported by the step's schema
    if (!Object.hasOwn(spec.steps, dep)) reporter.report('SMP3005.unknownStep', pointer, { step: dep });
    else if (dep === name) reporter.report('SMP3012.dependsOnItself', pointer, { step: name });
    else out.push(dep);
  });
  return out;
}

function reportUnusedParameters(spec: PipelineSpec, used: Set<string>, reporter: Reporter): void {
  for (const name of Object.keys(spec.parameters ?? {})) {
    if (!used.has(name)) reporter.report('SMP4004.unused', joinPointer('/parameters', name), { name }, { at: 'key' });
  }
}

function reportRedundantDependsOn(nodes: Map<string, StepNode>, reporter: Reporter): void {
  for (const node of nodes.values()) {
    node.dependsOn.forEach((dep, i) => {
      if (!node.references.has(dep)) return;
      reporter.report('SMP4005.redundant', joinPointer('/steps', node.name, 'dependsOn', i), { step: dep });
    });
  }
}

/** Branch members move inside their condition's IfSteps/ElseSteps and leave the top level. */
function nest(spec: PipelineSpec, envelopes: Map<string, Record<string, Json>>, nodes: Map<string, StepNode>, placement: Map<string, { condition: string; branch: 'then' | 'else' }>): Json[] {
  for (const [name, envelope] of envelopes) {
    const branches = nodes.get(name)?.branches;
    const args = envelope.Arguments;
    if (!branches || !isJsonObject(args)) continue;
    args.IfSteps = branches.then.filter((s) => placement.get(s)?.condition === name).flatMap((s) => envelopes.get(s) ?? []);
    args.ElseSteps = branches.else.filter((s) => placement.get(s)?.condition === name).flatMap((s) => envelopes.get(s) ?? []);
  }
  return Object.keys(spec.steps).filter((s) => !placement.has(s)).flatMap((s) => envelopes.get(s) ?? []);
}
