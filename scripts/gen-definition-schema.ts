/**
 * Writes the corrected SageMaker pipeline definition schema and its precompiled validator:
 *   schema/pipeline-definition.schema.json
 *   src/check/definition-schema/validator.generated.cts
 * Both are committed; test/check/definition-schema.test.ts fails when either is stale.
 * Usage: npx tsx scripts/gen-definition-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../src/check/definition-schema/generated.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function main(check: boolean): number {
  let stale = 0;
  for (const { path, text } of generatedFiles()) {
    const file = `${root}${path}`;
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === text) continue;
    stale += 1;
    if (check) {
      console.error(`stale: ${path} (run npx tsx scripts/gen-definition-schema.ts)`);
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
  return check && stale > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.includes('--check'));
