import { problem, type Problem } from '../diagnostics/messages.js';
import type { Reporter, ReportOptions } from '../diagnostics/reporter.js';
import { lowerValue, scopeErrorOptions, type LowerReport } from '../expr/lower.js';
import type { Scope } from '../expr/scope.js';
import type { ExprType, Json } from '../expr/types.js';
import { hasExpression, parseTemplate } from '../expr/parse.js';
import { resolveReference } from '../expr/resolve.js';
import { resolveImage } from '../assets/images.js';
import { resolveFrameworkImage, type ImageUse } from '../assets/framework-images.js';
import { Field } from '../spec/field.js';
import { joinPointer } from '../spec/pointer.js';
import type { CommonStep, ImageSpec, ResolvedDefaults } from '../spec/types.js';
import type { Lowered, StepContext } from '../steps/types.js';
import type { AssetRegistry, AssetResult } from './asset-registry.js';

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

/** Reports a problem found elsewhere (lowering, assets, images) at a field. */
type ProblemReport = (found: Problem, at: Field<unknown>, options?: ReportOptions) => void;

/** The StepContext kinds compile against; see steps/types.ts for the contract. */
export function createStepContext(init: StepContextInit): StepContext<unknown> {
  const step = new Field(init.spec, joinPointer('/steps', init.name));
  const reportAt: ProblemReport = (found, at, options) => init.reporter.reportProblem(found, at.pointer, options);
  const lowering = (at: Field<unknown>): LowerReport => (found, o) => reportAt(found, at, o);
  const lower = (at: Field<unknown>, expected: ExprType): Json => lowerValue(at.raw, expected, init.scope, lowering(at));
  const assetUri = (at: Field<unknown>, result: AssetResult): string | undefined => {
    if (result.ok) return result.asset.s3Uri;
    for (const found of result.problems) reportAt(found, at);
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
    typed: (text, within) => ({ value: lowerValue(text, 'json', init.scope, lowering(within)), type: typeOfText(text, init.scope) }),
    compileTime: (field) => compileTimeValue(field.raw, init.scope, lowering(field)),
    compileTimeRegion: () => init.region,
    role: (own) => {
      if (own.raw !== undefined) return lower(own, 'string');
      const fallback = new Field(init.defaults.role, '/defaults/role');
      return fallback.raw === undefined ? undefined : lower(fallback, 'string');
    },
    image: (field, use = 'training') => imageUri(field, use, init, lower, reportAt),
    packFolder: (field, folder, options) => assetUri(field, init.assets.packFolder(folder, options.name)),
    addGenerated: (bytes, options) => assetUri(step, init.assets.addGenerated(bytes, options.name)),
    addLocalInput: (field, path) => assetUri(field, init.assets.addFile(path)),
    readLocal: (field, path) => {
      const read = init.assets.readText(path);
      if (read.ok) return read.text;
      for (const found of read.problems) reportAt(found, field);
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
    artifactsUri: (...parts) => {
      if (!init.artifactsParts) {
        init.reporter.report('SMP2002.fixedLocation', step.pointer);
        return '';
      }
      const values: Json[] = [...init.artifactsParts, ...parts];
      if (values.every((v) => typeof v === 'string')) return `s3://${values.slice(1).join('/')}`;
      return { 'Std:Join': { On: '/', Values: values } };
    },
    report: (key, at, ...args) => init.reporter.report(key, at.pointer, ...args),
  };
}

function imageUri(field: Field<ImageSpec | undefined>, use: ImageUse, init: StepContextInit, lower: (at: Field<unknown>, t: ExprType) => Json, report: ProblemReport): Json | undefined {
  const raw = field.raw;
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return lower(field, 'string');
  const resolved = 'framework' in raw ? resolveFrameworkImage(raw, use, init.region) : resolveImage(raw, init.region);
  if (resolved.ok) return resolved.uri;
  if (init.region === undefined && resolved.problem.key === 'SMP6004.noRegion') {
    // Every DLC image needs the region: one error for the missing var, not one per image.
    if (init.scope.vars.has('region')) report(problem('SMP3004.unsetRegion'), field, { once: 'SMP3004:region' });
    else report(resolved.problem, field, { once: 'SMP6004:region' });
    return undefined;
  }
  report(resolved.problem, field);
  return undefined;
}

/** The type of a single `${...}`; any other text with expressions is a string. */
function typeOfText(text: string, scope: Scope): ExprType {
  const parsed = parseTemplate(text);
  const only = parsed.segments.length === 1 ? parsed.segments[0] : undefined;
  if (!only || only.kind !== 'ref') return 'string';
  const resolved = resolveReference(only.ref, scope);
  return 'problem' in resolved ? 'json' : resolved.type;
}

/** Resolves vars in a compile-time field; run-time references are an error there. */
export function compileTimeValue(raw: unknown, scope: Scope, report: LowerReport): string | number | boolean | undefined {
  // A list or mapping here was reported by the spec schema; it has no compile-time text.
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  if (!hasExpression(raw)) return raw;
  const parsed = parseTemplate(raw);
  if (parsed.error) {
    report(problem('SMP3001.syntax', { problem: parsed.error.message }), { within: parsed.error.raw });
    return undefined;
  }
  let out = '';
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') {
      out += segment.text;
      continue;
    }
    const resolved = resolveReference(segment.ref, scope);
    if ('problem' in resolved) report(resolved.problem, scopeErrorOptions(resolved, segment.raw));
    else if (resolved.kind === 'runtime') report(problem('SMP3011.runtimeValue', { expression: segment.raw }), { within: segment.raw });
    else if (parsed.segments.length === 1) return resolved.value;
    else out += String(resolved.value);
  }
  return out;
}
