import { buildDefinitionSchema } from './build.js';
import { renderValidatorModule } from './standalone.js';

/** Repository-relative paths of the committed, generated files. */
export const DEFINITION_SCHEMA_FILE = 'schema/pipeline-definition.schema.json';
export const VALIDATOR_MODULE_FILE = 'src/check/definition-schema/validator.generated.cts';

/** The exact text each generated file must have; nothing in it depends on time or machine. */
export function generatedFiles(): { path: string; text: string }[] {
  const schema = buildDefinitionSchema();
  return [
    { path: DEFINITION_SCHEMA_FILE, text: `${JSON.stringify(schema, null, 2)}\n` },
    { path: VALIDATOR_MODULE_FILE, text: renderValidatorModule(schema) },
  ];
}
