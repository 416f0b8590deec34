/**
 * Size and name limits: a definition over the 1 MiB inline CreatePipeline limit
 * is a warning (SMP5004; upsert goes through S3) and still compiles; step names
 * are 1–64 characters (SMP5001 at the key).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, type CompileResult } from '../../src/compile/compile.js';
import { INLINE_DEFINITION_LIMIT } from '../../src/check/limits.js';

const MiB = 1024 * 1024;

/** `pipeline: big` with fail steps S0…; `descriptions[i]` is step i's description. */
function generated(descriptions: string[]): string {
  const steps = descriptions.map((d, i) => `  S${i}:\n    kind: fail\n    description: "${d}"\n    message: step ${i} failed\n`);
  return `pipeline: big\nsteps:\n${steps.join('')}`;
}

function run(text: string): CompileResult {
  return compile(text, { file: 'big.yaml' });
}

const summary = (r: CompileResult) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range?.start.line}:${d.range?.start.col}`);

test('the inline limit is 1 MiB', () => {
  assert.equal(INLINE_DEFINITION_LIMIT, MiB);
});

test('2,000 steps with long descriptions: over 1 MiB → warning SMP5004 at `steps:`, and it still compiles', () => {
  const result = run(generated(Array.from({ length: 2000 }, (_, i) => `step ${i}: ${'x'.repeat(600)}`)));
  assert.deepEqual(summary(result), ['warning SMP5004 2:1']);
  assert.ok(result.definitionText, 'a definition despite the warning');
  const size = Buffer.byteLength(result.definitionText);
  assert.ok(size > MiB, `${size} bytes`);
  assert.equal(result.manifest?.definition.size, size);
  assert.equal((result.definition as { Steps: unknown[] }).Steps.length, 2000);
});

test('the limit counts UTF-8 bytes exactly: 1 MiB is fine, one byte more is SMP5004', () => {
  // 380 steps of ~2.7 kB each land just under the limit; the padding ("é" is 2 bytes, "x" one) fills it to the byte.
  const base = Array.from({ length: 380 }, (_, i) => `step ${i}: ${'x'.repeat(2500)}`);
  const measured = run(generated(base));
  assert.deepEqual(summary(measured), []);
  const deficit = MiB - Buffer.byteLength(measured.definitionText as string);
  assert.ok(deficit > 0 && deficit < 380 * 500, `deficit ${deficit}`);
  const padded = (extra: number): string[] => {
    // Spread `extra` bytes over the descriptions, at most 500 each (descriptions stay under 3,072 characters).
    const out = [...base];
    let left = extra;
    for (let i = 0; left > 0; i++) {
      const bytes = Math.min(left, 500);
      out[i] = `${out[i]}${'é'.repeat(Math.floor(bytes / 2))}${'x'.repeat(bytes % 2)}`;
      left -= bytes;
    }
    return out;
  };
  const atLimit = run(generated(padded(deficit)));
  assert.equal(Buffer.byteLength(atLimit.definitionText as string), MiB);
  assert.ok((atLimit.definitionText as string).length < MiB, 'fewer characters than bytes: the check must count bytes');
  assert.deepEqual(summary(atLimit), []);
  const over = run(generated(padded(deficit + 1)));
  assert.equal(Buffer.byteLength(over.definitionText as string), MiB + 1);
  assert.deepEqual(summary(over), ['warning SMP5004 2:1']);
});

const stepNamed = (name: string) => `pipeline: p\nsteps:\n  ${name}:\n    kind: fail\n    message: m\n`;

test('a 65-character step name is SMP5001 at the name; 64 characters compile', () => {
  const tooLong = run(stepNamed('A'.repeat(65)));
  assert.deepEqual(summary(tooLong), ['error SMP5001 3:3']);
  assert.deepEqual(tooLong.diagnostics[0]?.range?.end, { line: 3, col: 68 });
  assert.equal(tooLong.definitionText, undefined);
  const longest = run(stepNamed('A'.repeat(64)));
  assert.deepEqual(summary(longest), []);
  assert.equal((longest.definition as { Steps: { Name: string }[] }).Steps[0]?.Name, 'A'.repeat(64));
});

test('step names outside [A-Za-z0-9_-] are SMP5001 at the name', () => {
  for (const name of ['a.b', '"a b"', 'Évaluer', '"a/b"']) {
    assert.deepEqual(summary(run(stepNamed(name))), ['error SMP5001 3:3'], name);
  }
});
