import type { Asset } from '../compile/asset-registry.js';
import type { CompileResult } from '../compile/compile.js';
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

/** What the spec says the pipeline should be: everything plan and upsert compare and send. */
export interface DesiredPipeline {
  name: string;
  definition: Json;
  definitionText: string;
  definitionSha256: string;
  settings: PipelineSettingsState;
  tags: Record<string, string>;
  assets: Asset[];
  /** The spec's artifacts prefix (for definitions over the inline limit). */
  artifacts?: string;
  /** For mapping a rejected definition back to YAML lines. */
  file: string;
  source?: SourceFile;
}

/** From a compile without errors (`manifest` and `definition` present). */
export function desiredPipeline(result: CompileResult, file: string, artifacts?: string): DesiredPipeline {
  const manifest = result.manifest;
  if (!manifest || result.definition === undefined || result.definitionText === undefined) throw new Error('desiredPipeline needs a compile without errors');
  return {
    name: manifest.pipeline,
    definition: result.definition,
    definitionText: result.definitionText,
    definitionSha256: manifest.definition.sha256,
    settings: {
      role: manifest.role,
      // SageMaker shows the name when there is no display name, and an unset description as empty.
      displayName: manifest.displayName ?? manifest.pipeline,
      description: manifest.description ?? '',
      parallelism: manifest.parallelism,
    },
    tags: Object.fromEntries(manifest.tags.map((t) => [t.Key, t.Value])),
    assets: result.assets,
    ...(artifacts ? { artifacts } : {}),
    file,
    ...(result.sources.get(file) ? { source: result.sources.get(file) as SourceFile } : {}),
  };
}
