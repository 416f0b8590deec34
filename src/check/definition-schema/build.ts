import { awsSchema } from './aws-schema.js';
import type { CorrectionKind } from './correction.js';
import { CORRECTIONS } from './corrections/index.js';
import type { JsonObject } from './json.js';

/** What the README lists: every deviation from AWS's schema and the reason for it. */
export const SCHEMA_CORRECTIONS: readonly { id: string; kind: CorrectionKind; why: string }[] =
  Object.freeze(CORRECTIONS.map(({ id, kind, why }) => Object.freeze({ id, kind, why })));

/** AWS's pipeline definition schema with every correction applied, built fresh each call. */
export function buildDefinitionSchema(): JsonObject {
  const schema = awsSchema();
  for (const correction of CORRECTIONS) correction.apply(schema);
  return schema;
}
