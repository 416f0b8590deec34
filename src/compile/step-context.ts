import type { Code } from '../diagnostics/codes.js';
import type { Reporter, ReportOptions } from '../diagnostics/reporter.js';
import { lowerValue, scopeErrorOptions } from '../expr/lower.js';
import type { Scope } from '../expr/scope.js';
import { typeOfLiteral, type ExprType, type Json } from '../expr/types.js';
import { hasExpression, parseTemplate } from '../expr/parse.js';
import { resolveReference, unsetVarHint } from '../expr/resolve.js';
import { resolveImage } from '../assets/images.js';
import type { AssetOptions, ResolvedDefaults, StepContext } from '../steps/types.js';
import type { AssetRegistry, AssetResult } from './asset-registry.js';

export interface StepContextInit {
  name: string;
  spec: Record<string, unknown>;
  scope: Scope;
  reporter: Reporter;
  defaults: ResolvedDefaults;
  assets: AssetRegistry;
  region: string | undefined;
  /** The artifacts prefix split for per-execution URIs: `s3:/`, bucket, prefix parts. */
  artifactsParts: string[] | undefined;
}

export function fieldAt(spec: unknown, rel: string): unknown {
  if (rel === '') return spec;
  let node: unknown = spec;
  for (const part of rel.split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** The StepContext kinds compile against; see steps/types.ts for the contract. */
export function createStepContext(init: StepContextInit): StepContext {
  const pointer = `/steps/${init.name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const at = (rel: string) => (rel ? `${pointer}/${rel}` : pointer);
  const report = (code: Code, rel: string, message: string, options?: ReportOptions) =>
    init.reporter.report(code, at(rel), message, options);
  const lower = (raw: unknown, rel: string, expected: ExprType): Json =>
    lowerValue(raw, expected, init.scope, (code, message, o) => report(code, rel, message, o));
  const assetUri = (rel: string, result: AssetResult, code: Code): string | undefined => {
    if (result.ok) return result.asset.s3Uri;
    for (const p of result.problems) report(p.code ?? code, rel, p.message, p.hint ? { hint: p.hint } : {});
    return undefined;
  };
  const compileTime = (rel: string) => compileTimeValue(fieldAt(init.spec, rel), init.scope, (c, m, o) => report(c, rel, m, o));
  return {
    name: init.name,
    spec: init.spec,
    pointer,
    defaults: init.defaults,
    value: (rel, expected) => {
      const raw = fieldAt(init.spec, rel);
      return raw === undefined ? undefined : lower(raw, rel, expected);
    },
    lower,
    typed: (raw, rel) => ({ value: lower(raw, rel, 'json'), type: typeOfRaw(raw, init.scope) }),
    compileTime,
    compileTimeRegion: () => init.region,
    role: () => {
      if (init.spec.role !== undefined) return lower(init.spec.role, 'role', 'string');
      return init.defaults.role === undefined ? undefined : lowerValue(init.defaults.role, 'string', init.scope, (c, m, o) => init.reporter.report(c, '/defaults/role', m, o));
    },
    image: (rel) => imageUri(fieldAt(init.spec, rel), rel, init, lower, report),
    packFolder: (rel, folder, options: AssetOptions) => assetUri(rel, init.assets.packFolder(folder, options.name), 'SMP6001'),
    addGenerated: (bytes, options) => assetUri('', init.assets.addGenerated(bytes, options.name), 'SMP2002'),
    addLocalInput: (rel, path) => assetUri(rel, init.assets.addFile(path), 'SMP6003'),
    readLocal: (rel, path) => {
      const read = init.assets.readText(path);
      if (read.ok) return read.text;
      for (const p of read.problems) report(p.code ?? 'SMP6003', rel, p.message, p.hint ? { hint: p.hint } : {});
      return undefined;
    },
    localExists: (path) => init.assets.exists(path),
    executionUri: (...parts) => {
      if (!init.artifactsParts) {
        report('SMP2002', '', 'set artifacts: (an S3 prefix) or give this output an explicit destination');
        return '';
      }
      const values: Json[] = [...init.artifactsParts, { Get: 'Execution.PipelineExecutionId' }, init.name, ...parts];
      return { 'Std:Join': { On: '/', Values: values } };
    },
    artifactsUri: (...parts) => {
      if (!init.artifactsParts) {
        report('SMP2002', '', 'set artifacts: (an S3 prefix) or give this location explicitly');
        return '';
      }
      const values: Json[] = [...init.artifactsParts, ...parts];
      if (values.every((v) => typeof v === 'string')) return `s3://${values.slice(1).join('/')}`;
      return { 'Std:Join': { On: '/', Values: values } };
    },
    report,
  };
}

function imageUri(raw: unknown, rel: string, init: StepContextInit, lower: (r: unknown, rel: string, t: ExprType) => Json, report: (c: Code, rel: string, m: string, o?: ReportOptions) => void): Json | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return lower(raw, rel, 'string');
  const spec = raw as { dlc: string; version: string; gpu?: boolean; python?: string };
  const resolved = resolveImage(spec, init.region);
  if (resolved.ok) return resolved.uri;
  if (init.region === undefined && resolved.code === 'SMP6004') {
    // Every DLC image needs the region: one error for the missing var, not one per image.
    if (init.scope.vars.has('region')) report('SMP3004', rel, 'var "region" has no value: Deep Learning Container images need it', { hint: unsetVarHint('region'), once: 'SMP3004:region' });
    else report('SMP6004', rel, resolved.message, { once: 'SMP6004:region', ...(resolved.hint && { hint: resolved.hint }) });
    return undefined;
  }
  report(resolved.code, rel, resolved.message, resolved.hint ? { hint: resolved.hint } : {});
  return undefined;
}

/** The type of a literal or a single `${...}`; text with expressions is a string. */
function typeOfRaw(raw: unknown, scope: Scope): ExprType {
  if (typeof raw !== 'string') return typeOfLiteral(raw as number | boolean);
  const parsed = parseTemplate(raw);
  const only = parsed.segments.length === 1 ? parsed.segments[0] : undefined;
  if (!only || only.kind !== 'ref') return 'string';
  const resolved = resolveReference(only.ref, scope);
  return 'code' in resolved ? 'json' : resolved.type;
}

/** Resolves vars in a compile-time field; run-time references are an error there. */
export function compileTimeValue(raw: unknown, scope: Scope, report: (code: Code, message: string, o?: ReportOptions) => void): string | number | boolean | undefined {
  // A list or mapping here was reported by the spec schema; it has no compile-time text.
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  if (!hasExpression(raw)) return raw;
  const parsed = parseTemplate(raw);
  if (parsed.error) {
    report('SMP3001', parsed.error.message, { within: parsed.error.raw });
    return undefined;
  }
  let out = '';
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') {
      out += segment.text;
      continue;
    }
    const resolved = resolveReference(segment.ref, scope);
    if ('code' in resolved) report(resolved.code, resolved.message, scopeErrorOptions(resolved, segment.raw));
    else if (resolved.kind === 'runtime') report('SMP3011', `${segment.raw} is only known at run time; this field needs a value at compile time`, { within: segment.raw, hint: 'use ${vars.NAME} here' });
    else if (parsed.segments.length === 1) return resolved.value;
    else out += String(resolved.value);
  }
  return out;
}
