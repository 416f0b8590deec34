export { SCHEMA_CORRECTIONS, buildDefinitionSchema } from './build.js';
export type { CorrectionKind, SchemaCorrection } from './correction.js';
export type { SchemaProblem } from './errors.js';
export { validateDefinition } from './validate.js';
