/** The spec as written, after schema validation. Step bodies stay untyped here: each kind types its own. */
import type { LocalFilesSpec } from '../assets/local-files-schema.js';
export type ParameterType = 'string' | 'integer' | 'float' | 'boolean';

export interface ParameterSpec {
  type: ParameterType;
  default?: string | number | boolean;
  enum?: (string | number | boolean)[];
  description?: string;
}

export interface StepSpec {
  kind: string;
  displayName?: string;
  description?: string;
  dependsOn?: string[];
  cache?: unknown;
  retry?: unknown;
  [field: string]: unknown;
}

export interface PipelineSpec {
  pipeline: string;
  displayName?: string;
  description?: string;
  artifacts?: string;
  vars?: Record<string, string | number | boolean | null>;
  defaults?: Record<string, unknown>;
  parameters?: Record<string, ParameterSpec>;
  steps: Record<string, StepSpec>;
  tags?: Record<string, string>;
  parallelism?: number;
  experiment?: boolean;
  localFiles?: LocalFilesSpec;
}
