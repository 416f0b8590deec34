// Loader hooks for record-modules.mjs: every module URL the ESM loader loads, one per line.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let log;

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(log, `${fileURLToPath(url)}\n`);
  return next(url, context);
}
