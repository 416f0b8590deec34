import type { Code } from '../codes.js';
import { API } from './api.js';
import { DEFINITIONS } from './definitions.js';
import { DEPLOY } from './deploy.js';
import { EXPRESSIONS } from './expressions.js';
import { FILES } from './files.js';
import { GRAPH } from './graph.js';
import { KINDS } from './kinds.js';
import { LOADING } from './loading.js';
import { NAMES } from './names.js';
import { RUN } from './run.js';
import { SCHEMA } from './schema.js';
import { SECRETS } from './secrets.js';
import type { Explanation, Explanations } from './types.js';

export type { Explanation } from './types.js';

/**
 * What each code means, a failing example and its fix: one file per code family, beside the
 * catalogue (codes.ts). test/diagnostics/explanations.test.ts checks every code has one.
 */
export const EXPLANATIONS: Explanations = { ...LOADING, ...SCHEMA, ...EXPRESSIONS, ...GRAPH, ...NAMES, ...FILES, ...KINDS, ...SECRETS, ...API, ...DEFINITIONS, ...DEPLOY, ...RUN };

export function explanationOf(code: Code): Explanation | undefined {
  return Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code] : undefined;
}
