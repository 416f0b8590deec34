import type { Reporter } from '../diagnostics/reporter.js';
import type { Scope } from '../expr/scope.js';
import { problem } from '../diagnostics/messages.js';
import { Field } from '../spec/field.js';
import type { DefaultsSpec, PipelineSpec, ResolvedDefaults } from '../spec/types.js';
import type { VarValue } from '../spec/vars.js';
import { compileTimeValue } from './step-context.js';
import { setOwn } from '../util/own.js';

/** Pipeline-level values known at compile time (vars resolved). */
export interface PipelineSettings {
  name: string;
  displayName?: string;
  description?: string;
  /** The S3 prefix for assets and default outputs, without a trailing slash. */
  artifacts?: string;
  region?: string;
  tags: Record<string, string>;
  parallelism?: number;
  defaults: ResolvedDefaults;
  /** The role CreatePipeline runs the pipeline as: defaults.role when it is known at compile time. */
  pipelineRole?: string;
}

/** A scope that knows only vars: pipeline-level fields cannot use run-time values. */
export function varsOnlyScope(vars: Map<string, VarValue>): Scope {
  return {
    params: new Map(),
    vars,
    stepNames: new Set(),
    resolveStepProperty: () => ({ ok: false, problem: problem('SMP3011.stepsAtPipelineLevel') }),
  };
}

export function compilePipelineSettings(spec: PipelineSpec, vars: Map<string, VarValue>, reporter: Reporter): PipelineSettings {
  const scope = varsOnlyScope(vars);
  const text: TextResolver = (field) => {
    if (field.raw === undefined) return undefined;
    const v = compileTimeValue(field.raw, scope, (found, o) => reporter.reportProblem(found, field.pointer, o));
    return v === undefined ? undefined : String(v);
  };
  const root = new Field(spec, '');
  const region = vars.get('region');
  const settings: PipelineSettings = {
    name: text(root.at('pipeline')) ?? spec.pipeline,
    tags: resolveTags(root.at('tags'), text),
    defaults: resolveDefaults(root.at('defaults'), text),
  };
  if (spec.displayName !== undefined) settings.displayName = text(root.at('displayName'));
  if (spec.description !== undefined) settings.description = text(root.at('description'));
  if (spec.artifacts !== undefined) settings.artifacts = text(root.at('artifacts'))?.replace(/\/+$/, '');
  if (typeof region === 'string') settings.region = region;
  if (spec.parallelism !== undefined) settings.parallelism = spec.parallelism;
  if (spec.defaults?.role !== undefined) settings.pipelineRole = text(root.at('defaults').at('role'));
  return settings;
}

/** A compile-time text field with its vars resolved; undefined when absent (or reported). */
type TextResolver = (field: Field<string | boolean | undefined>) => string | undefined;

function resolveTags(tags: Field<Readonly<Record<string, string>> | undefined>, text: TextResolver): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of tags.entries()) setOwn(out, key, text(value) ?? '');
  return out;
}

/** Enterprise defaults are compile-time values; the role stays raw (it may be a parameter). */
function resolveDefaults(field: Field<DefaultsSpec | undefined>, text: TextResolver): ResolvedDefaults {
  const raw = field.raw ?? {};
  const defaults: ResolvedDefaults = { role: raw.role, cache: raw.cache, retry: raw.retry };
  const network = field.at('network');
  if (network.raw) {
    defaults.network = {};
    const { subnets, securityGroups, isolation, interContainerEncryption } = network.raw;
    if (Array.isArray(subnets)) defaults.network.subnets = network.at('subnets').items().map((s) => text(s) ?? '');
    if (Array.isArray(securityGroups)) defaults.network.securityGroups = network.at('securityGroups').items().map((s) => text(s) ?? '');
    if (isolation !== undefined) defaults.network.isolation = isolation === true || text(network.at('isolation')) === 'true';
    if (interContainerEncryption !== undefined) defaults.network.interContainerEncryption = interContainerEncryption === true || text(network.at('interContainerEncryption')) === 'true';
  }
  const kms = field.at('kms');
  if (kms.raw) {
    defaults.kms = {};
    if (kms.raw.volume !== undefined) defaults.kms.volume = text(kms.at('volume'));
    if (kms.raw.output !== undefined) defaults.kms.output = text(kms.at('output'));
  }
  if (raw.tags) defaults.tags = resolveTags(field.at('tags'), text);
  return defaults;
}
