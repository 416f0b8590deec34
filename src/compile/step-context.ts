import type { Code } from '../diagnostics/codes.js';
import type { Reporter, ReportOptions } from '../diagnostics/reporter.js';
import { lowerValue, scopeErrorOptions } from '../expr/lower.js';
import type { Scope } from '../expr/scope.js';
import type { ExprType, Json } from '../expr/types.js';
import { hasExpression, parseTemplate } from '../expr/parse.js';
import { resolveReference, unsetVarHint } from '../expr/resolve.js';
import { resolveImage } from '../assets/images.js';
import { Field } from '../spec/field.js';
import { joinPointer } from '../spec/pointer.js';
import type { CommonStep, ImageSpec, ResolvedDefaults } from '../spec/types.js';
import type { Lowered, StepContext } from '../steps/types.js';
import type { AssetProblem, AssetRegistry, AssetResult } from './asset-registry.js';

export interface StepContextInit {
  name: string;
  /** The step, validated against its kind's schema (common fields included). */
  spec: CommonStep;
  scope: Scope;
  reporter: Reporter;
  defaults: ResolvedDefaults;
  assets: AssetRegistry;
  region: string | undefined;
  /** The artifacts prefix split for per-execution URIs: `s3:/`, bucket, prefix parts. */
  artifactsParts: string[] | undefined;
}

/** Reports a message with its text already made (lowering, assets): at a field, with options. */
type TextReport = (code: Code, at: Field<unknown>, message: string, options?: ReportOptions) => void;

/** The StepContext kinds compile against; see steps/types.ts for the contract. */
export function createStepContext(init: StepContextInit): StepContext<unknown> {
  const step = new Field(init.spec, joinPointer('/steps', init.name));
  const reportText: TextReport = (code, at, message, options) => init.reporter.reportText(code, at.pointer, message, options);
  const lower = (at: Field<unknown>, expected: ExprType): Json =>
    lowerValue(at.raw, expected, init.scope, (code, message, o) => reportText(code, at, message, o));
  const assetUri = (at: Field<unknown>, result: AssetResult, code: Code): string | undefined => {
    if (result.ok) return result.asset.s3Uri;
    reportAssetProblems(reportText, at, result.problems, code);
    return undefined;
  };
  return {
    name: init.name,
    spec: init.spec,
    step,
    at: (key) => step.at(key),
    pointer: step.pointer,
    defaults: init.defaults,
    value: <T>(field: Field<T>, expected: ExprType) => (field.raw === undefined ? undefined : lower(field, expected)) as Lowered<T>,
    typed: (text, within) => ({ value: lowerValue(text, 'json', init.scope, (c, m, o) => reportText(c, within, m, o)), type: typeOfText(text, init.scope) }),
    compileTime: (field) => compileTimeValue(field.raw, init.scope, (c, m, o) => reportText(c, field, m, o)),
    compileTimeRegion: () => init.region,
    role: (own) => {
      if (own.raw !== undefined) return lower(own, 'string');
      const fallback = new Field(init.defaults.role, '/defaults/role');
      return fallback.raw === undefined ? undefined : lower(fallback, 'string');
    },
    image: (field) => imageUri(field, init, lower, reportText),
    packFolder: (field, folder, options) => assetUri(field, init.assets.packFolder(folder, options.name), 'SMP6001'),
    addGenerated: (bytes, options) => assetUri(step, init.assets.addGenerated(bytes, options.name), 'SMP2002'),
    addLocalInput: (field, path) => assetUri(field, init.assets.addFile(path), 'SMP6003'),
    readLocal: (field, path) => {
      const read = init.assets.readText(path);
      if (read.ok) return read.text;
      reportAssetProblems(reportText, field, read.problems, 'SMP6003');
      return undefined;
    },
    localExists: (path) => init.assets.exists(path),
    executionUri: (...parts) => {
      if (!init.artifactsParts) {
        init.reporter.report('SMP2002.outputDestination', step.pointer);
        return '';
      }
      const values: Json[] = [...init.artifactsParts, { Get: 'Execution.PipelineExecutionId' }, init.name, ...parts];
      return { 'Std:Join': { On: '/', Values: values } };
    },
    report: (key, at, ...args) => init.reporter.report(key, at.pointer, ...args),
  };
}

function reportAssetProblems(report: TextReport, at: Field<unknown>, problems: AssetProblem[], code: Code): void {
  for (const p of problems) report(p.code ?? code, at, p.message, p.hint ? { hint: p.hint } : {});
}

function imageUri(field: Field<ImageSpec | undefined>, init: StepContextInit, lower: (at: Field<unknown>, t: ExprType) => Json, report: TextReport): Json | undefined {
  const raw = field.raw;
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return lower(field, 'string');
  const resolved = resolveImage(raw, init.region);
  if (resolved.ok) return resolved.uri;
  if (init.region === undefined && resolved.code === 'SMP6004') {
    // Every DLC image needs the region: one error for the missing var, not one per image.
    if (init.scope.vars.has('region')) report('SMP3004', field, 'var "region" has no value: Deep Learning Container images need it', { hint: unsetVarHint('region'), once: 'SMP3004:region' });
    else report('SMP6004', field, resolved.message, { once: 'SMP6004:region', ...(resolved.hint && { hint: resolved.hint }) });
    return undefined;
  }
  report(resolved.code, field, resolved.message, resolved.hint ? { hint: resolved.hint } : {});
  return undefined;
}

/** The type of a single `${...}`; any other text with expressions is a string. */
function typeOfText(text: string, scope: Scope): ExprType {
  const parsed = parseTemplate(text);
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
