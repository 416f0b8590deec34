import { problem, type Problem } from '../diagnostics/messages.js';
import { closest } from '../util/suggest.js';
import { DLC_IMAGES, type DlcImage } from './dlc-images.js';
import { DLC_REGIONS, REGIONS_WITHOUT_DLC, ecrDomain } from './dlc-regions.js';

export { DLC_IMAGES } from './dlc-images.js';
export { DLC_REGIONS } from './dlc-regions.js';

export interface DlcImageSpec {
  /** Image family, e.g. "pytorch-training" (see listImages()). */
  dlc: string;
  /** Full ("2.5.1") or prefix ("2.5", "2", "2.x") version; the newest listed match wins. */
  version: string;
  /** GPU (CUDA) build; default true. false where only GPU builds exist is an error. */
  gpu?: boolean;
  /** Python build, "py311" or "3.11"; default: whatever the chosen version ships. */
  python?: string;
}

/** The image's URI, or why there is none (SMP6004: the region; SMP6005: the image). */
export type ImageResult = { ok: true; uri: string } | Failure;

type Failure = { ok: false; problem: Problem };

const REGIONS = Object.keys(DLC_REGIONS);

function fail(found: Problem): Failure {
  return { ok: false, problem: found };
}

function regionAccount(region: string | undefined): { account: string } | Failure {
  if (region === undefined || region === '') return fail(problem('SMP6004.noRegion'));
  const account = Object.hasOwn(DLC_REGIONS, region) ? DLC_REGIONS[region] : undefined;
  if (account !== undefined) return { account };
  if (REGIONS_WITHOUT_DLC.includes(region)) return fail(problem('SMP6004.regionWithoutDlc', { region }));
  const guess = closest(region, REGIONS);
  return fail(guess ? problem('SMP6004.unknownRegion', { region, guess }) : problem('SMP6004.unknownRegionListed', { region, regions: REGIONS.join(', ') }));
}

/** Numeric parts of "2.5.1"; "x" / "*" end a prefix ("2.x" is "2"). */
function versionParts(version: string): string[] {
  const parts = version.trim().split('.');
  while (parts.length > 0 && /^[x*]$/i.test(parts[parts.length - 1] ?? '')) parts.pop();
  return parts;
}

/** Descending by numeric version parts, so the newest comes first, on any machine. */
function newestFirst(a: DlcImage, b: DlcImage): number {
  const x = a.version.split('.').map(Number);
  const y = b.version.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (y[i] ?? 0) - (x[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function normalPython(python: string): string {
  const digits = python.trim().toLowerCase().replace(/^py/, '').replace('.', '');
  return `py${digits}`;
}

function pickImage(name: string, spec: DlcImageSpec, images: readonly DlcImage[]): DlcImage | Failure {
  const wanted = versionParts(spec.version);
  const listed = images.map((i) => i.version).join(', ');
  const byVersion = images.filter((i) => wanted.every((part, n) => i.version.split('.')[n] === part));
  if (wanted.length === 0 || byVersion.length === 0) {
    return fail(problem('SMP6005.noVersion', { image: name, version: spec.version, versions: listed }));
  }
  const python = spec.python === undefined ? undefined : normalPython(spec.python);
  const matches = python === undefined ? byVersion : byVersion.filter((i) => i.python === python);
  const chosen = [...matches].sort(newestFirst)[0];
  if (chosen === undefined) {
    const pythons = byVersion.map((i) => `${i.version}: ${i.python ?? 'not stated'}`).join(', ');
    return fail(problem('SMP6005.noPython', { image: name, version: spec.version, python: String(python), builds: pythons }));
  }
  return chosen;
}

function pickTag(name: string, image: DlcImage, gpu: boolean): string | Failure {
  const tag = gpu ? image.gpu : image.cpu;
  if (tag !== undefined) return tag;
  return fail(problem(gpu ? 'SMP6005.noGpuBuild' : 'SMP6005.noCpuBuild', { image: name, version: image.version }));
}

/**
 * The regional AWS Deep Learning Containers URI for `spec`, e.g.
 * 763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker.
 * Pure and table-driven: no network, no "latest" lookups, so the definition is reproducible.
 */
export function resolveImage(spec: DlcImageSpec, region: string | undefined): ImageResult {
  // Own names only: a spec saying dlc: constructor must not find Object.prototype.constructor.
  const family = Object.hasOwn(DLC_IMAGES, spec.dlc) ? DLC_IMAGES[spec.dlc] : undefined;
  if (family === undefined) {
    const names = Object.keys(DLC_IMAGES);
    const guess = closest(spec.dlc, names);
    const known = names.join(', ');
    return fail(guess ? problem('SMP6005.unknownImageGuess', { dlc: spec.dlc, guess, known }) : problem('SMP6005.unknownImage', { dlc: spec.dlc, known }));
  }
  const image = pickImage(spec.dlc, spec, family.images);
  if ('ok' in image) return image;
  const tag = pickTag(spec.dlc, image, spec.gpu ?? true);
  if (typeof tag !== 'string') return tag;
  const where = regionAccount(region);
  if ('ok' in where) return where;
  return { ok: true, uri: `${where.account}.dkr.ecr.${region}.${ecrDomain(region ?? '')}/${family.repository}:${tag}` };
}

/** Every image family and its versions (newest first), for docs and `smpipe` help text. */
export function listImages(): { dlc: string; repository: string; description: string; versions: string[] }[] {
  return Object.entries(DLC_IMAGES).map(([dlc, family]) => ({
    dlc,
    repository: family.repository,
    description: family.description,
    versions: [...family.images].sort(newestFirst).map((i) => i.version),
  }));
}
