import type { Reporter } from '../diagnostics/reporter.js';
import type { Scope } from '../expr/scope.js';
import type { PipelineSpec } from '../spec/types.js';
import type { VarValue } from '../spec/vars.js';
import type { ResolvedDefaults } from '../steps/types.js';
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
    resolveStepProperty: () => ({ ok: false, code: 'SMP3011', message: 'step properties are not available here' }),
  };
}

export function compilePipelineSettings(spec: PipelineSpec, vars: Map<string, VarValue>, reporter: Reporter): PipelineSettings {
  const scope = varsOnlyScope(vars);
  const value = (pointer: string, raw: unknown) =>
    compileTimeValue(raw, scope, (code, message, o) => reporter.report(code, pointer, message, o));
  const text = (pointer: string, raw: unknown) => {
    const v = value(pointer, raw);
    return v === undefined ? undefined : String(v);
  };
  const region = vars.get('region');
  const settings: PipelineSettings = {
    name: text('/pipeline', spec.pipeline) ?? spec.pipeline,
    tags: resolveTags('/tags', spec.tags, text),
    defaults: resolveDefaults(spec.defaults ?? {}, text),
  };
  if (spec.displayName !== undefined) settings.displayName = text('/displayName', spec.displayName);
  if (spec.description !== undefined) settings.description = text('/description', spec.description);
  if (spec.artifacts !== undefined) settings.artifacts = text('/artifacts', spec.artifacts)?.replace(/\/+$/, '');
  if (typeof region === 'string') settings.region = region;
  if (spec.parallelism !== undefined) settings.parallelism = spec.parallelism;
  if (spec.defaults?.role !== undefined) settings.pipelineRole = text('/defaults/role', spec.defaults.role);
  return settings;
}

type TextResolver = (pointer: string, raw: unknown) => string | undefined;

function resolveTags(pointer: string, tags: Record<string, string> | undefined, text: TextResolver): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(tags ?? {})) setOwn(out, key, text(`${pointer}/${key}`, raw) ?? '');
  return out;
}

/** Enterprise defaults are compile-time values; the role stays raw (it may be a parameter). */
function resolveDefaults(raw: Record<string, unknown>, text: TextResolver): ResolvedDefaults {
  const defaults: ResolvedDefaults = { role: raw.role, cache: raw.cache, retry: raw.retry };
  const network = raw.network as Record<string, unknown> | undefined;
  if (network) {
    defaults.network = {};
    if (Array.isArray(network.subnets)) defaults.network.subnets = (network.subnets as unknown[]).map((s, i) => text(`/defaults/network/subnets/${i}`, s) ?? '');
    if (Array.isArray(network.securityGroups)) defaults.network.securityGroups = (network.securityGroups as unknown[]).map((s, i) => text(`/defaults/network/securityGroups/${i}`, s) ?? '');
    if (network.isolation !== undefined) defaults.network.isolation = network.isolation === true || text('/defaults/network/isolation', network.isolation) === 'true';
    if (network.interContainerEncryption !== undefined) defaults.network.interContainerEncryption = network.interContainerEncryption === true || text('/defaults/network/interContainerEncryption', network.interContainerEncryption) === 'true';
  }
  const kms = raw.kms as Record<string, unknown> | undefined;
  if (kms) {
    defaults.kms = {};
    if (kms.volume !== undefined) defaults.kms.volume = text('/defaults/kms/volume', kms.volume);
    if (kms.output !== undefined) defaults.kms.output = text('/defaults/kms/output', kms.output);
  }
  if (raw.tags) defaults.tags = resolveTags('/defaults/tags', raw.tags as Record<string, string>, text);
  return defaults;
}
