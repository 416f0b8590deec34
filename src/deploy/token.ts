import { createHash } from 'node:crypto';
import { sortedJson } from '../util/canonical-json.js';
import type { DesiredPipeline } from './desired.js';

/**
 * CreatePipeline's ClientRequestToken: a hash of the definition and settings, so the SDK's retry
 * of a create whose answer was lost (and a second `make upsert` racing the first) is recognised by
 * SageMaker as the same request instead of failing with "already exists". 64 hex characters fits
 * the API's 32–128 length.
 */
export function createToken(desired: DesiredPipeline): string {
  const settings = sortedJson({ name: desired.name, settings: desired.settings, tags: desired.tags });
  return createHash('sha256').update(`${desired.definitionSha256}\n${settings}`).digest('hex');
}
