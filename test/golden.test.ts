import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, type CompileOptions } from '../src/compile/compile.js';
import { renderText } from '../src/views/diagnostics.js';
import { validateDefinition } from '../src/check/definition-schema/index.js';
import { CODES } from '../src/diagnostics/codes.js';
import { assertGolden, cases } from './helpers/golden.js';

/**
 * A case may start with `# test: --set k=v --vars FILE` lines: the options the
 * CLI would pass. Paths in them are relative to the repository root.
 */
function optionsFor(path: string, text: string): CompileOptions {
  const options: CompileOptions = { file: path, vars: { set: [] } };
  for (const match of text.matchAll(/^# test: (.*)$/gm)) {
    const words = (match[1] as string).trim().split(/\s+/);
    for (let i = 0; i < words.length; i += 2) {
      if (words[i] === '--set') options.vars?.set && (options.vars.set = [...options.vars.set, words[i + 1] as string]);
      if (words[i] === '--vars') options.vars = { ...options.vars, file: { path: words[i + 1] as string, text: readFileSync(words[i + 1] as string, 'utf8') } };
    }
  }
  return options;
}

for (const path of cases('test/golden/ok')) {
  test(`golden ok: ${path}`, () => {
    const text = readFileSync(path, 'utf8');
    const result = compile(text, optionsFor(path, text));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col} ${d.message}`), []);
    assert.ok(result.definitionText, 'a definition');
    assert.deepEqual(validateDefinition(result.definition), [], 'the output schema accepts it');
    assertGolden(path.replace(/\.yaml$/, '.definition.json'), result.definitionText);
    const warnings = renderText(result.diagnostics, result.sources, { frames: false });
    if (warnings) assertGolden(path.replace(/\.yaml$/, '.diagnostics.txt'), warnings);
  });
}

const seenCodes = new Set<string>();
for (const path of cases('test/golden/errors')) {
  test(`golden errors: ${path}`, () => {
    const text = readFileSync(path, 'utf8');
    const result = compile(text, optionsFor(path, text));
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'), 'at least one error');
    assert.equal(result.definitionText, undefined, 'no definition on errors');
    for (const d of result.diagnostics) {
      seenCodes.add(d.code);
      assert.ok(d.range, `${d.code} has a position`);
    }
    assertGolden(path.replace(/\.yaml$/, '.diagnostics.txt'), renderText(result.diagnostics, result.sources));
  });
}

/** Codes exercised by dedicated tests instead of a golden spec, with where. */
const COVERED_ELSEWHERE: Record<string, string> = {
  SMP5004: 'test/compile/limits.test.ts (a generated multi-megabyte definition)',
  SMP8006: 'test/check/definition-schema.test.ts',
  SMP1010: 'test/cli/write-output.test.ts (the CLI refuses an output folder smpipe did not write)',
  SMP1011: 'test/cli/write-output.test.ts (a read-only or full output folder)',
  SMP4007: 'test/check/cache-safety.test.ts and the warnings golden test/golden/ok/processing-training.diagnostics.txt',
  SMP4008: 'test/check/cache-safety.test.ts and the warnings golden test/golden/ok/processing-training.diagnostics.txt',
  SMP8007: 'test/import/check.test.ts (smpipe check on a file that is not a definition)',
  SMP8008: 'test/import/check.test.ts (a definition that repeats a step name)',
  SMP8009: 'test/import/cli.test.ts (what no spec field says, named by smpipe import)',
  SMP8010: 'test/import/cli.test.ts (smpipe import --out refuses a file it did not write)',
};

test('every diagnostic code has a golden error case', () => {
  // SMP9xxx are deploy-time codes (AWS answered): test/deploy covers them against the emulator.
  const missing = Object.keys(CODES).filter((c) => !c.startsWith('SMP9') && !seenCodes.has(c) && !(c in COVERED_ELSEWHERE));
  assert.deepEqual(missing, []);
});
