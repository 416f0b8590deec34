/**
 * `smpipe explain` text is data (src/diagnostics/explanations/): every code has an explanation,
 * a failing example and a fix, and for compile-time codes the example really gives the code and
 * the fix really compiles, so the text cannot drift from the compiler.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { CODES, type Code } from '../../src/diagnostics/codes.js';
import { EXPLANATIONS, explanationOf } from '../../src/diagnostics/explanations/index.js';
import { checkDefinitionText } from '../../src/import/check.js';

// The examples' local paths: code: src, entry: train.py, file: data/questions.jsonl.
const dir = mkdtempSync(join(tmpdir(), 'smpipe-explain-'));
mkdirSync(join(dir, 'src'));
mkdirSync(join(dir, 'data'));
writeFileSync(join(dir, 'src/train.py'), 'print("train")\n');
writeFileSync(join(dir, 'data/questions.jsonl'), '{"id": "1", "question": "Why?"}\n');
// SMP6010: a code folder with a token in a packed file; SMP6011: one with a broken link.
mkdirSync(join(dir, 'leaky'));
writeFileSync(join(dir, 'leaky/train.py'), 'print("train")\n');
writeFileSync(join(dir, 'leaky/.env'), `HF_TOKEN=hf_${'a'.repeat(34)}\n`);
mkdirSync(join(dir, 'broken'));
writeFileSync(join(dir, 'broken/train.py'), 'print("train")\n');
symlinkSync(join(dir, 'broken/nowhere'), join(dir, 'broken/dangling'));
after(() => rmSync(dir, { recursive: true, force: true }));

function codesOf(text: string, set: readonly string[] = []) {
  const result = compile(text, { file: join(dir, 'example.yaml'), vars: { set } });
  return { codes: result.diagnostics.map((d) => d.code), errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col} ${d.message}`) };
}

test('every code has an explanation, an example and a fix', () => {
  const missing = Object.keys(CODES).filter((code) => {
    const e = explanationOf(code as Code);
    return !e || !e.explain.trim() || !e.example.trim() || !e.fix.trim();
  });
  assert.deepEqual(missing, []);
  assert.deepEqual(Object.keys(EXPLANATIONS).filter((code) => !(code in CODES)), [], 'no explanation of a code that does not exist');
});

test('only deploy codes and limits no short spec reaches are told in words', () => {
  const situations = Object.entries(EXPLANATIONS).filter(([, e]) => e?.situation).map(([code]) => code);
  // SMP1010/1011 are about the output folder, which no spec text can show; SMP8009/8010 about what
  // smpipe import writes.
  assert.deepEqual(situations.filter((code) => !code.startsWith('SMP9')), ['SMP1010', 'SMP1011', 'SMP5004', 'SMP8009', 'SMP8010']);
});

for (const [code, e] of Object.entries(EXPLANATIONS)) {
  if (!e?.definition) continue;
  test(`${code}: smpipe check finds ${code} in the example definition, nothing in the fix`, () => {
    const example = checkDefinitionText('example.json', e.example).reporter.diagnostics.map((d) => d.code);
    assert.ok(example.includes(code as Code), `example gives ${example.join(', ') || 'nothing'}`);
    assert.deepEqual(checkDefinitionText('fix.json', e.fix).reporter.diagnostics.map((d) => `${d.code} ${d.message}`), []);
  });
}

for (const [code, e] of Object.entries(EXPLANATIONS)) {
  if (!e || e.situation || e.definition) continue;
  test(`${code}: the example gives ${code}, the fix compiles without errors`, () => {
    const example = codesOf(e.example, e.set?.example);
    assert.ok(example.codes.includes(code as Code), `example gives ${example.codes.join(', ') || 'nothing'}:\n${example.errors.join('\n')}`);
    const fix = codesOf(e.fix, e.set?.fix);
    assert.deepEqual(fix.errors, [], 'the fix compiles');
    assert.ok(!fix.codes.includes(code as Code), `the fix still gives ${code}`);
  });
}
