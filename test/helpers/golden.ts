import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN=1. */
export function assertGolden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) assert.fail(`missing golden file ${path}: run make golden and review it`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (run make golden if the change is intended)`);
}

/** The *.yaml cases in a folder, discovered by scanning (SAM translator style). */
export function cases(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
}
