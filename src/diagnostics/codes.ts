import { API } from './codes/api.js';
import { DEFINITIONS } from './codes/definitions.js';
import { DEPLOY } from './codes/deploy.js';
import { EXPRESSIONS } from './codes/expressions.js';
import { FILES } from './codes/files.js';
import { GRAPH } from './codes/graph.js';
import { LOADING } from './codes/loading.js';
import { NAMES } from './codes/names.js';
import { RUN } from './codes/run.js';
import { SCHEMA } from './codes/schema.js';
import { SECRETS } from './codes/secrets.js';
import type { Severity } from './codes/types.js';

export type { CodeInfo } from './codes/types.js';

/**
 * Every diagnostic smpipe can emit. Codes are stable: never renumber, only add.
 * 1xxx loading · 2xxx spec schema · 3xxx expressions and references · 4xxx graph ·
 * 5xxx names and limits · 6xxx files, assets, images · 7xxx secrets · 8xxx SageMaker API shapes ·
 * 9xxx deploy (plan, upsert, start, watch: what AWS answered); 95xx the local runner. One file per family in codes/, each
 * code with its messages: the templates `report('SMP2004.queueUrl', at, { queue })` fills in
 * (diagnostics/messages.ts).
 */
export const CODES = { ...LOADING, ...SCHEMA, ...EXPRESSIONS, ...GRAPH, ...NAMES, ...FILES, ...SECRETS, ...API, ...DEFINITIONS, ...DEPLOY, ...RUN };

export type Code = keyof typeof CODES;

export function severityOf(code: Code): Severity {
  return CODES[code].severity;
}
