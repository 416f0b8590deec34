import type { CompiledFolder, FolderAsset } from '../compile/compiled-folder.js';
import type { Json } from '../expr/types.js';
import type { SourceFile } from '../spec/source.js';

/** Pipeline-level settings CreatePipeline/UpdatePipeline take besides the definition. */
export interface PipelineSettingsState {
  role: string | null;
  displayName: string;
  description: string;
  /** null: not managed by the spec (UpdatePipeline cannot unset it). */
  parallelism: number | null;
}

/** The spec a folder was just compiled from: lets a rejected definition point at YAML lines. */
export interface SpecOrigin {
  file: string;
  source: SourceFile;
}

/** What the compiled folder says the pipeline should be: everything plan and upsert compare and send. */
export interface DesiredPipeline {
  name: string;
  definition: Json;
  definitionText: string;
  definitionSha256: string;
  /** definition.json in the folder (uploaded when over the inline limit). */
  definitionPath: string;
  settings: PipelineSettingsState;
  tags: Record<string, string>;
  /** Hash-checked files of the folder, each with its content-addressed S3 URI. */
  assets: FolderAsset[];
  /** The spec's artifacts prefix (for definitions over the inline limit, and stale-upload cleanup). */
  artifacts?: string;
  /** The region the folder was compiled for (image URIs, sagemaker_region). */
  region?: string;
  origin?: SpecOrigin;
}

/** From a compiled folder (already checked by readCompiledFolder); `origin` when it was compiled just now. */
export function desiredFromFolder(folder: CompiledFolder, origin?: SpecOrigin): DesiredPipeline {
  const manifest = folder.manifest;
  return {
    name: manifest.pipeline,
    definition: folder.definition,
    definitionText: folder.definitionText,
    definitionSha256: manifest.definition.sha256,
    definitionPath: folder.definitionPath,
    settings: {
      role: manifest.role,
      // SageMaker shows the name when there is no display name, and an unset description as empty.
      displayName: manifest.displayName ?? manifest.pipeline,
      description: manifest.description ?? '',
      parallelism: manifest.parallelism,
    },
    tags: Object.fromEntries(manifest.tags.map((t) => [t.Key, t.Value])),
    assets: folder.assets,
    ...(manifest.artifacts ? { artifacts: manifest.artifacts } : {}),
    ...(manifest.region ? { region: manifest.region } : {}),
    ...(origin ? { origin } : {}),
  };
}
