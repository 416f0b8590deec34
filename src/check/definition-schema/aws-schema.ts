import vendored from '../../../schema/aws/aws-pipeline-definition.schema.json' with { type: 'json' };
import { deepCopy, type JsonObject } from './json.js';

/**
 * AWS's published pipeline definition schema, exactly as vendored (see schema/aws/README.md).
 * A fresh deep copy on every call, so no caller can mutate the shared module object.
 */
export function awsSchema(): JsonObject {
  return deepCopy(vendored as unknown as JsonObject);
}
