import { KIND_LIST } from '../steps/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { specSchema } from './schema.js';

/** The schema editors use: every step kind's fields under if/then on `kind`. */
export function publishedSpecSchema(): string {
  return canonicalJson(specSchema(KIND_LIST, true));
}
