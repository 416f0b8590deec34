/**
 * First-party SageMaker images by framework and version (`image: {framework: xgboost, version:
 * 1.7-1}`), resolved per Region as the SageMaker Python SDK's `sagemaker.image_uris.retrieve`
 * does (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/image_uris.py: retrieve, _processor,
 * _validate_py_version_and_set_if_needed, _format_tag), from its tables
 * (image_uri_config/*.json), kept in framework-images.json by scripts/gen-framework-images.ts:
 *
 *   <account for the Region>.dkr.ecr.<region>.<domain>/<repository>[:<tag>]
 *   tag = "-".join(tag_prefix or version, processor, py version, container version), empty parts left out
 *
 * Unlike the SDK, nothing is picked silently: the SDK falls back to a framework's only version
 * whatever version was asked for, and chooses CPU/GPU from an instance type; here a version that
 * is not listed, a Python build or processor that must be chosen, or a Region without the image
 * is an error (SMP6016-SMP6018) naming what is listed, with a did-you-mean.
 */
import table from './framework-images.json' with { type: 'json' };
import { problem, type Problem } from '../diagnostics/messages.js';
import { closest } from '../util/suggest.js';
import { ecrDomain } from './dlc-regions.js';

export interface FrameworkImageSpec {
  framework: string;
  /** As the SDK lists it (1.7-1, 3.3, 0.36.0) or one of its aliases; omitted: the only version. */
  version?: string;
  gpu?: boolean;
  python?: string;
}

/** Where the image runs, which picks the table's scope. */
export type ImageUse = 'training' | 'processing' | 'inference';

/**
 * A processing job runs the processing images (spark, clarify), the monitor's analyzer, or a
 * framework's training image, as the SDK's SKLearnProcessor and FrameworkProcessor do; an
 * inference-only image (TGI, vLLM) in a training job is an error, not a fallback.
 */
const SCOPES_FOR_USE: Readonly<Record<ImageUse, readonly string[]>> = {
  training: ['training'],
  processing: ['processing', 'monitoring', 'training'],
  inference: ['inference'],
};

interface Version { repository: string; registries: string; processors?: string[]; py?: string[]; tagPrefix?: string; containerVersion?: Record<string, string> }
interface Scope { processors?: string[]; aliases?: Record<string, string>; versions: Record<string, Version> }
interface Table { source: string; frameworks: Record<string, Record<string, Scope>>; registries: Record<string, Record<string, string>> }

const TABLE = table as unknown as Table;
export const FRAMEWORK_IMAGES_SOURCE = TABLE.source;

export type FrameworkImageResult = { ok: true; uri: string } | { ok: false; problem: Problem };

const fail = (found: Problem): { ok: false; problem: Problem } => ({ ok: false, problem: found });

export function frameworkNames(): string[] {
  return Object.keys(TABLE.frameworks);
}

function pickScope(framework: string, use: ImageUse): { name: string; scope: Scope } | { ok: false; problem: Problem } {
  const scopes = TABLE.frameworks[framework] as Record<string, Scope>;
  const names = Object.keys(scopes);
  const name = SCOPES_FOR_USE[use].find((w) => Object.hasOwn(scopes, w));
  if (name === undefined) return fail(problem('SMP6017.noScope', { framework, use, scopes: names.join(', ') }));
  return { name, scope: scopes[name] as Scope };
}

function pickVersion(framework: string, scopeName: string, scope: Scope, asked: string | undefined): { name: string; version: Version } | { ok: false; problem: Problem } {
  const listed = Object.keys(scope.versions);
  const shown = listed.map((v) => v || '(unversioned)').join(', ');
  if (asked === undefined) {
    if (listed.length === 1) return { name: listed[0] as string, version: scope.versions[listed[0] as string] as Version };
    return fail(problem('SMP6017.versionNeeded', { framework, scope: scopeName, versions: shown }));
  }
  const name = scope.aliases && Object.hasOwn(scope.aliases, asked) ? (scope.aliases[asked] as string) : asked;
  if (Object.hasOwn(scope.versions, name)) return { name, version: scope.versions[name] as Version };
  const guess = closest(asked, [...listed, ...Object.keys(scope.aliases ?? {})].filter(Boolean));
  return fail(guess
    ? problem('SMP6017.noVersion', { framework, scope: scopeName, version: asked, guess, versions: shown })
    : problem('SMP6017.noVersionListed', { framework, scope: scopeName, version: asked, versions: shown }));
}

/** The processor part of the tag: none, the only one, or the one `gpu` names (the SDK reads it from the instance type). */
function pickProcessor(spec: FrameworkImageSpec, label: string, processors: string[] | undefined): string | undefined | { ok: false; problem: Problem } {
  const framework = spec.framework;
  if (!processors?.length) return spec.gpu === undefined ? undefined : fail(problem('SMP6017.notApplicable', { framework, version: label, field: 'gpu' }));
  if (spec.gpu === undefined) return processors.length === 1 ? processors[0] : fail(problem('SMP6017.processorNeeded', { framework, version: label }));
  const wanted = spec.gpu ? 'gpu' : 'cpu';
  return processors.includes(wanted) ? wanted : fail(problem('SMP6017.noProcessor', { framework, version: label, processor: wanted.toUpperCase(), processors: processors.join(', ') }));
}

/** The Python part: none, the given one if listed, the only one; Spark's default is none (the SDK's special case). */
function pickPython(spec: FrameworkImageSpec, label: string, builds: string[] | undefined): string | undefined | { ok: false; problem: Problem } {
  const framework = spec.framework;
  const python = spec.python === undefined ? undefined : `py${spec.python.trim().toLowerCase().replace(/^py/, '').replace('.', '')}`;
  if (!builds?.length) return python === undefined ? undefined : fail(problem('SMP6017.notApplicable', { framework, version: label, field: 'python' }));
  if (python !== undefined) return builds.includes(python) ? python : fail(problem('SMP6017.noPython', { framework, version: label, python, builds: builds.join(', ') }));
  if (framework === 'spark') return undefined;
  return builds.length === 1 ? builds[0] : fail(problem('SMP6017.pythonNeeded', { framework, version: label, builds: builds.join(', ') }));
}

function isFailure(value: unknown): value is { ok: false; problem: Problem } {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

function registry(spec: FrameworkImageSpec, label: string, table: Record<string, string>, region: string): string | { ok: false; problem: Problem } {
  if (Object.hasOwn(table, region)) return table[region] as string;
  const regions = Object.keys(table);
  const guess = closest(region, regions);
  const framework = spec.framework;
  return fail(guess ? problem('SMP6018.notInRegionGuess', { framework, version: label, region, guess }) : problem('SMP6018.notInRegion', { framework, version: label, region, regions: regions.join(', ') }));
}

/** The image URI for `spec` in `region`, or the problem (SMP6016-SMP6018; SMP6004 without a Region). */
export function resolveFrameworkImage(spec: FrameworkImageSpec, use: ImageUse, region: string | undefined): FrameworkImageResult {
  const framework = spec.framework;
  if (!Object.hasOwn(TABLE.frameworks, framework)) {
    const known = frameworkNames();
    const guess = closest(framework, known);
    return fail(guess ? problem('SMP6016.unknownFramework', { framework, guess, known: known.join(', ') }) : problem('SMP6016.unknownFrameworkListed', { framework, known: known.join(', ') }));
  }
  const scope = pickScope(framework, use);
  if ('ok' in scope) return scope;
  const version = pickVersion(framework, scope.name, scope.scope, spec.version);
  if ('ok' in version) return version;
  const label = version.name || '(unversioned)';
  const processor = pickProcessor(spec, label, scope.scope.processors ?? version.version.processors);
  if (isFailure(processor)) return processor;
  const python = pickPython(spec, label, version.version.py);
  if (isFailure(python)) return python;
  if (region === undefined || region === '') return fail(problem('SMP6004.noRegion'));
  const account = registry(spec, label, TABLE.registries[version.version.registries] ?? {}, region);
  if (typeof account !== 'string') return account;
  const container = processor === undefined ? undefined : version.version.containerVersion?.[processor];
  const tag = [version.version.tagPrefix ?? version.name, processor, python, container].filter((part) => part).join('-');
  const repository = `${account}.dkr.ecr.${region}.${ecrDomain(region)}/${version.version.repository}`;
  return { ok: true, uri: tag ? `${repository}:${tag}` : repository };
}
