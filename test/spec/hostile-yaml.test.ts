/**
 * Hostile and careless YAML (issue 10, items 6, 8, 13): every case ends in SMP diagnostics at the
 * offending position, never an exception, a hang, or a value silently changed on its way into the
 * definition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, found, run } from '../helpers/diagnostics.js';

const FAIL = 'pipeline: p\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n';
const PARAMS = (params: string) => `pipeline: p\nparameters:\n${params}steps:\n  Stop:\n    kind: fail\n    message: "\${params.X}"\n`;

test('an alias of its own ancestor is SMP1006 at the alias, not a stack overflow', () => {
  const text = 'pipeline: p\nsteps: &a\n  Done: *a\n';
  assert.deepEqual(found(run(text)), [`SMP1006 ${at(text, '*a')}`]);
});

test('an alias of an ancestor deeper down (inside a list) is SMP1006 too; an alias of a sibling is fine', () => {
  const cyclic = 'pipeline: p\nsteps:\n  Stop: &s\n    kind: fail\n    message: stopped\n    dependsOn: [*s]\n';
  assert.deepEqual(found(run(cyclic)), [`SMP1006 ${at(cyclic, '*s')}`]);
  const sibling = 'pipeline: p\ntags: &t { team: ml }\ndefaults: { tags: *t }\nsteps:\n  Stop: { kind: fail, message: stopped }\n';
  assert.deepEqual(found(run(sibling)), []);
});

test('a << merge key is SMP1006 at the key, as the README says', () => {
  const text = 'pipeline: p\nbase: &b { kind: fail, message: stopped }\nsteps:\n  Stop:\n    <<: *b\n';
  assert.deepEqual(found(run(text)), [`SMP1006 ${at(text, '<<')}`]);
});

test('a quoted "<<" is an ordinary key (and here an unknown property)', () => {
  const text = 'pipeline: p\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n    "<<": 1\n';
  assert.deepEqual(found(run(text)).map((d) => d.split(' ')[0]), ['SMP2001']);
});

test('integers beyond 2^53 are SMP2005 at the value, not rounded', () => {
  const text = PARAMS('  X: { type: integer, default: 123456789012345678901 }\n');
  assert.deepEqual(found(run(text)), [`SMP2005 ${at(text, '1234')}`]);
  const edge = PARAMS('  X: { type: integer, default: 9007199254740993 }\n');
  assert.deepEqual(found(run(edge)), [`SMP2005 ${at(edge, '9007')}`]);
  const hex = PARAMS('  X: { type: integer, default: 0x20000000000001 }\n');
  assert.deepEqual(found(run(hex)), [`SMP2005 ${at(hex, '0x')}`]);
});

test('YAML 1.1 integer forms beyond 2^53 (0b…, 1_000…) are SMP2005 too', () => {
  for (const value of [`0b${'1'.repeat(60)}`, '1_000_000_000_000_000_000_000']) {
    const text = `%YAML 1.1\n---\n${PARAMS(`  X: { type: integer, default: ${value} }\n`)}`;
    assert.deepEqual(found(run(text)), [`SMP2005 ${at(text, value)}`], value);
  }
});

test('the largest exact integer, floats and quoted big numbers pass unchanged', () => {
  const text = PARAMS('  X: { type: integer, default: 9007199254740991 }\n  Y: { type: float, default: 1.5e300 }\n  Z: { type: string, default: "123456789012345678901" }\n');
  const result = run(text.replace('${params.X}', '${params.X} ${params.Y} ${params.Z}'));
  assert.deepEqual(found(result), []);
  assert.match(result.definitionText ?? '', /"DefaultValue": 9007199254740991/);
  assert.match(result.definitionText ?? '', /"DefaultValue": "123456789012345678901"/);
});

test('1e400, .inf, -.inf and .nan are SMP2005 at the field: one error each, not "Infinity" or 7× SMP8006 at 1:1', () => {
  for (const value of ['1e400', '.inf', '-.inf', '.nan', '.NaN']) {
    const text = PARAMS(`  X: { type: float, default: ${value} }\n`);
    const result = run(text);
    assert.deepEqual(found(result), [`SMP2005 ${at(text, value)}`], value);
    assert.equal(result.definitionText, undefined);
  }
});

test('a non-finite number anywhere (arguments, hyperparameters) is SMP2005 at it', () => {
  const text = `${FAIL}    arguments: { ErrorMessage: .inf }\n`;
  assert.deepEqual(found(run(text)), [`SMP2005 ${at(text, '.inf')}`]);
});

test('a NUL character is SMP1001 at its line and column, whether raw or escaped', () => {
  const raw = 'pipeline: p\nsteps:\n  Stop:\n    kind: fail\n    message: "a\u0000b"\n';
  assert.deepEqual(found(run(raw)), [`SMP1001 ${at(raw, '\u0000')}`]);
  const escaped = 'pipeline: p\nsteps:\n  Stop:\n    kind: fail\n    message: "a\\0b"\n';
  assert.deepEqual(found(run(escaped)), [`SMP1001 ${at(escaped, '"a')}`]);
});

test('a lone surrogate or a control character in the text is SMP1001 at it', () => {
  for (const bad of ['\uD800', '\uDC00', '\u0007', '\u001B']) {
    const text = `pipeline: p\nsteps:\n  Stop:\n    kind: fail\n    message: "x${bad}y"\n`;
    assert.deepEqual(found(run(text)), [`SMP1001 ${at(text, bad)}`], JSON.stringify(bad));
  }
});

test('one tab in the indentation is one SMP1001 at the tab, saying to use spaces', () => {
  const text = 'pipeline: p\nparameters:\n  X: { type: string, default: x }\nsteps:\n  A:\n\tkind: fail\n    message: "${params.X}"\n  B:\n    kind: fail\n    message: b\n';
  const result = run(text);
  assert.deepEqual(found(result), [`SMP1001 ${at(text, '\t')}`]);
  assert.match(result.diagnostics[0]?.message ?? '', /tabs.*spaces/i);
});

test('the flagship with one tab is one error, not 21', async () => {
  const { readFileSync } = await import('node:fs');
  const flagship = readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8');
  const text = flagship.replace('\n    kind: training', '\n\tkind: training');
  assert.notEqual(text, flagship);
  const result = run(text);
  assert.deepEqual(found(result), [`SMP1001 ${at(text, '\tkind: training')}`]);
});

test('${...} unquoted in a flow mapping is one SMP1001 at the expression, with "quote the value"', () => {
  const text = 'pipeline: p\nparameters:\n  B: { type: float, default: 0.1 }\nsteps:\n  Stop:\n    kind: fail\n    message: x\n    arguments: { ErrorMessage: ${params.B}, Other: 2 }\n';
  const result = run(text);
  assert.deepEqual(found(result), [`SMP1001 ${at(text, '${params.B}')}`]);
  assert.match(result.diagnostics[0]?.hint ?? '', /quote the value: "\$\{params\.B\}"/);
});

test('the same in a flow list, and in a flow mapping opened on an earlier line', () => {
  const list = 'pipeline: p\nsteps:\n  A: { kind: fail, message: a }\n  B:\n    kind: fail\n    message: b\n    dependsOn: [ ${steps.A} ]\n';
  assert.deepEqual(found(run(list)), [`SMP1001 ${at(list, '${steps.A}')}`]);
  const multi = 'pipeline: p\nsteps:\n  B:\n    kind: fail\n    message: b\n    arguments: {\n      ErrorMessage: ${vars.x},\n      b: 2 }\n';
  const result = run(multi);
  assert.deepEqual(found(result), [`SMP1001 ${at(multi, '${vars.x}')}`]);
  assert.match(result.diagnostics[0]?.hint ?? '', /quote the value/);
});

test('${...} in block context needs no quotes and compiles', () => {
  const text = 'pipeline: p\nparameters:\n  X: { type: string, default: x }\nsteps:\n  Stop:\n    kind: fail\n    message: ${params.X} and {braces} in text\n';
  assert.deepEqual(found(run(text)), []);
});
