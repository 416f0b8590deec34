import type { JsonObject } from './json.js';

/**
 * What a correction changes:
 * - `service`: the vendored schema rejects something SageMaker accepts (or that the SageMaker
 *   Python SDK emits); each has a test definition the raw schema rejects and ours accepts.
 * - `schema-bug`: the vendored file is not valid JSON Schema at that spot (a keyword in the
 *   wrong place, an unknown meta-schema); tested by compiling ours with ajv's strict mode.
 * - `diagnostics`: same accepted set, better errors; tested on error count and position.
 * - `metadata`: what the document says about itself ($schema, $id, title), not what it accepts.
 */
export type CorrectionKind = 'service' | 'schema-bug' | 'diagnostics' | 'metadata';

export interface SchemaCorrection {
  /** Stable kebab-case name; tests and the README key on it. Never rename, only add. */
  readonly id: string;
  readonly kind: CorrectionKind;
  /** The service or SDK behaviour the vendored schema misses, with the evidence. */
  readonly why: string;
  /** Mutates `schema`, a private deep copy of the vendored schema. */
  apply(schema: JsonObject): void;
}
