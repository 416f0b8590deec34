import { sha256Hex } from '../assets/hash.js';
import type { PipelineSpec } from '../spec/types.js';
import type { Asset } from './asset-registry.js';
import type { PipelineSettings } from './settings.js';

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

/** What deploy needs besides the definition: pipeline settings and every asset to upload first. */
export interface Manifest {
  pipeline: string;
  displayName: string | null;
  description: string | null;
  role: string | null;
  tags: { Key: string; Value: string }[];
  parallelism: number | null;
  definition: { file: 'definition.json'; sha256: string; size: number };
  parameters: PipelineSpec['parameters'];
  assets: ManifestAsset[];
}

export function buildManifest(settings: PipelineSettings, spec: PipelineSpec, assets: Asset[], definitionText: string, specFile: string): Manifest {
  void specFile;
  const role = settings.pipelineRole ?? null;
  return {
    pipeline: settings.name,
    displayName: settings.displayName ?? null,
    description: settings.description ?? null,
    role,
    tags: Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value })),
    parallelism: settings.parallelism ?? null,
    definition: { file: 'definition.json', sha256: sha256Hex(Buffer.from(definitionText)), size: Buffer.byteLength(definitionText) },
    parameters: spec.parameters ?? {},
    assets: assets.map(({ name, source, file, sha256, size, s3Uri }) => ({ name, source, file, sha256, size, s3Uri })),
  };
}
