/**
 * Every command's one-line summary and usage text, in the order `smpipe --help` and the README
 * list them. Plain strings: printing help loads nothing else.
 */
import { DEPLOY_HELP } from './deploy.js';
import { CHECK_HELP, IMPORT_HELP } from './import.js';
import { LABELING_HELP } from './labeling.js';
import { LOCAL_HELP } from './local.js';
import { RUN_HELP } from './run.js';

export interface Help {
  summary: string;
  usage: string;
}

export const HELP = { ...LOCAL_HELP, ...DEPLOY_HELP, labeling: LABELING_HELP, run: RUN_HELP, import: IMPORT_HELP, check: CHECK_HELP } as const satisfies Record<string, Help>;

export type CommandName = keyof typeof HELP;
