/**
 * What a new user meets (issue 10, items 12, 14, 15, 16): each problem once, every problem in one
 * round, no false warnings, and hints that say what to write.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { at, found, run } from '../helpers/diagnostics.js';

const FLAGSHIP = readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8');
const HEAD = 'pipeline: p\nartifacts: s3://b/p\ndefaults: { role: "arn:aws:iam::111122223333:role/R" }\n';
const job = (name: string, extra = '', type = 'ml.m5.xlarge') => `  ${name}:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1\n    instance: { type: ${type} }\n${extra}`;

test('the flagship without --vars: each unset var is one SMP3004, at its first use, with the --vars hint', () => {
  const result = run(FLAGSHIP, { file: 'pipeline-specs/llama3-dpo.yaml' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errors.every((d) => d.code === 'SMP3004'), errors.map((d) => d.code).join(' '));
  const vars = errors.map((d) => /var "(\w+)"/.exec(d.message)?.[1]);
  assert.deepEqual(vars, [...new Set(vars)], 'no var twice');
  const unset = Object.entries((parseYaml(FLAGSHIP) as { vars: Record<string, unknown> }).vars).filter(([, v]) => v === null).map(([k]) => k);
  assert.deepEqual([...vars].sort(), unset.sort(), 'every unset var is reported, region (for the images) included');
  for (const d of errors) assert.match(d.hint ?? '', /--vars FILE/);
  assert.equal(errors.find((d) => d.message.includes('"roleArn"'))?.range?.start.line, Number(at(FLAGSHIP, '${vars.roleArn}').split(':')[0]));
});

test('an unset var used in many steps is one error at the earliest use', () => {
  const text = `${HEAD}vars: { note: null }\nsteps:\n  A: { kind: fail, message: "\${vars.note}" }\n  B: { kind: fail, message: "\${vars.note}", displayName: "\${vars.note}" }\n`;
  assert.deepEqual(found(run(text)), [`SMP3004 ${at(text, '${vars.note}')}`]);
});

test('SMP4004 is not printed for a parameter that a step with errors uses', () => {
  const text = `${HEAD}parameters:\n  Count: { type: integer, default: 1 }\n  Unused: { type: string, default: x }\nsteps:\n${job('Prep', '    environment: { N: "${params.Count}" }\n    oops: 1\n')}`;
  const result = run(text);
  assert.deepEqual(found(result), [`SMP4004 ${at(text, 'Unused')}`, `SMP2001 ${at(text, 'oops')}`]);
});

test('SMP4004 is not printed for a parameter named in an expression that cannot be read', () => {
  const text = `${HEAD}parameters:\n  Note: { type: string, default: x }\nsteps:\n  Stop: { kind: fail, message: "\${params.Note" }\n`;
  assert.deepEqual(found(run(text)).map((d) => d.split(' ')[0]), ['SMP3001']);
});

test('API-shape errors of every step that compiled come with the other errors, in one round', () => {
  const text = `${HEAD}steps:\n${job('Good', '    arguments: { Enviroment: { A: b } }\n', 'ml.m5.xlarg')}${job('Broken', '    oops: 1\n')}  Stop: { kind: fail, message: "\${steps.Nope.x}" }\n`;
  assert.deepEqual(found(run(text)), [`SMP8003 ${at(text, 'ml.m5.xlarg')}`, `SMP8001 ${at(text, 'Enviroment')}`, `SMP2001 ${at(text, 'oops')}`, `SMP3005 ${at(text, '${steps.Nope')}`]);
});

test('a step with an expression error of its own is not shape-checked (its Arguments hold the raw text)', () => {
  const text = `${HEAD}vars: { role: null }\nsteps:\n${job('Prep', '    role: "${vars.role}"\n')}`;
  assert.deepEqual(found(run(text)), [`SMP3004 ${at(text, '${vars.role}')}`]);
});

test('cache: accepts the SDK\'s forms and writes strict ISO 8601', () => {
  const forms: [string, string][] = [['P30D', 'P30D'], ['30d', 'P30D'], ['T12H', 'PT12H'], ['t16m', 'PT16M'], ['30dT5h', 'P30DT5H'], ['5y', 'P5Y'], ['p1w', 'P1W'], ['{ expireAfter: 2d }', 'P2D']];
  for (const [written, compiled] of forms) {
    const result = run(`${HEAD}steps:\n${job('Prep', `    cache: ${written}\n`)}`);
    assert.deepEqual(found(result), [], written);
    assert.match(result.definitionText ?? '', new RegExp(`"ExpireAfter": "${compiled}"`), written);
  }
});

test('a cache: that is none of the forms is one error listing them', () => {
  for (const written of ['30 days', 'P', 'T', 'd30', '30x', '{ expireAfter: soon }']) {
    const text = `${HEAD}steps:\n${job('Prep', `    cache: ${written}\n`)}`;
    const result = run(text);
    assert.equal(result.diagnostics.length, 1, `${written}: ${found(result).join(', ')}`);
    const hint = result.diagnostics[0]?.hint ?? result.diagnostics[0]?.message ?? '';
    if (!written.startsWith('{')) assert.match(hint, /P30D.*30d.*true.*false/, written);
  }
});

test('"=>" in a condition suggests ">=", and the other languages\' operators theirs', () => {
  const cases: [string, string][] = [['=>', '>='], ['=<', '<='], ['<>', '!='], ['&&', 'and'], ['||', 'or'], ['=', '==']];
  for (const [written, meant] of cases) {
    const text = `${HEAD}parameters:\n  S: { type: float, default: 1 }\nsteps:\n  Gate:\n    kind: condition\n    when: "\${params.S} ${written} 0.5"\n`;
    const result = run(text);
    assert.deepEqual(found(result).map((d) => d.split(' ')[0]), ['SMP3001'], written);
    assert.ok(result.diagnostics[0]?.message.includes(`did you mean "${meant}"`), `${written}: ${result.diagnostics[0]?.message}`);
  }
});

test('instance types: did-you-mean for a typo, the case, a missing ml. prefix', () => {
  const cases: [string, string][] = [['ml.g5.48xlarg', 'ml.g5.48xlarge'], ['g5.48xlarge', 'ml.g5.48xlarge'], ['ML.M5.XLARGE', 'ml.m5.xlarge'], ['m5.xlarge', 'ml.m5.xlarge']];
  for (const [written, meant] of cases) {
    const text = `${HEAD}steps:\n${job('Prep', '', written)}`;
    const result = run(text);
    assert.deepEqual(found(result), [`SMP8003 ${at(text, written)}`], written);
    assert.match(result.diagnostics[0]?.hint ?? '', new RegExp(`did you mean '${meant.replace(/\./g, '\\.')}'`), written);
  }
});

test('a parameter standing for an instance type has its default and enum values checked, with did-you-mean', () => {
  const text = `${HEAD}parameters:\n  Type: { type: string, default: ml.m5.xlarge, enum: [ml.m5.xlarge, g5.12xlarge] }\n  Other: { type: string, default: ml.m5.larg }\nsteps:\n${job('A', '', '"${params.Type}"')}${job('B', '', '"${params.Type}"')}${job('C', '', '"${params.Other}"')}`;
  const result = run(text);
  assert.deepEqual(found(result), [`SMP8003 ${at(text, 'g5.12xlarge')}`, `SMP8003 ${at(text, 'ml.m5.larg')}`]);
  assert.match(result.diagnostics[0]?.hint ?? '', /ml\.g5\.12xlarge/);
});
