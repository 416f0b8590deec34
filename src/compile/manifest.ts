import { sha256Hex } from '../assets/hash.js';
import type { ParameterSpec, PipelineSpec } from '../spec/types.js';
import type { Asset } from './asset-registry.js';
import type { PipelineSettings } from './settings.js';

/** Bumped when a field deploy or the local runner relies on changes meaning; readers refuse others. */
export const MANIFEST_VERSION = 1;

export interface ManifestAsset {
  name: string;
  /** Relative to the spec file, or `generated`. */
  source: string;
  /** Relative to the manifest. */
  file: string;
  sha256: string;
  size: number;
  s3Uri: string;
}

/**
 * Everything deploy (and the local runner) needs besides definition.json: the compiled folder is
 * their one input, so nothing is read from the spec again. Keys and their order are fixed, so the
 * same spec and vars give the same bytes.
 */
export interface Manifest {
  manifestVersion: typeof MANIFEST_VERSION;
  pipeline: string;
  displayName: string | null;
  description: string | null;
  role: string | null;
  /** The spec's `artifacts:` S3 prefix (no trailing slash): assets and over-limit definitions live under it. */
  artifacts: string | null;
  /** `vars.region`: the region the image URIs and `sagemaker_region` were compiled for. */
  region: string | null;
  tags: { Key: string; Value: string }[];
  parallelism: number | null;
  definition: { file: 'definition.json'; sha256: string; size: number };
  parameters: Record<string, ParameterSpec>;
  assets: ManifestAsset[];
}

export function buildManifest(settings: PipelineSettings, spec: PipelineSpec, assets: Asset[], definitionText: string, specFile?: string): Manifest {
  void specFile;
  return {
    manifestVersion: MANIFEST_VERSION,
    pipeline: settings.name,
    displayName: settings.displayName ?? null,
    description: settings.description ?? null,
    role: settings.pipelineRole ?? null,
    artifacts: settings.artifacts ?? null,
    region: settings.region ?? null,
    tags: Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value })),
    parallelism: settings.parallelism ?? null,
    definition: { file: 'definition.json', sha256: sha256Hex(Buffer.from(definitionText)), size: Buffer.byteLength(definitionText) },
    parameters: manifestParameters(spec.parameters ?? {}),
    assets: assets.map(({ name, source, file, sha256, size, s3Uri }) => ({ name, source, file, sha256, size, s3Uri })),
  };
}

/** Each parameter with its keys in one order, whatever order the YAML wrote them in. */
function manifestParameters(parameters: Record<string, ParameterSpec>): Record<string, ParameterSpec> {
  const out: Record<string, ParameterSpec> = {};
  for (const [name, p] of Object.entries(parameters)) {
    out[name] = {
      type: p.type,
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(p.enum !== undefined ? { enum: p.enum } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
  }
  return out;
}
