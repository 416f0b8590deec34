/**
 * Secrets that reach the definition through vars (issue 10, item 3): a token in --set, in a vars
 * file, split over two vars, or half literal and half var is an error where it came from, and
 * nothing is compiled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, found, run } from '../helpers/diagnostics.js';
import { findAllSecretsInText, findSecretInText } from '../../src/check/secrets.js';

// Assembled at run time so this file holds no whole token for a scanner to trip on.
const HF = ['hf', 'abcdefghijklmnopqrstuvwxyzABCDEFGH'].join('_');
const AKID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const HEAD = 'pipeline: p\nartifacts: s3://b/p\ndefaults: { role: "arn:aws:iam::111122223333:role/R" }\n';
const spec = (vars: string, message: string) => `${HEAD}vars: { ${vars} }\nsteps:\n  Stop:\n    kind: fail\n    message: "${message}"\n`;

function compiled(text: string, set: string[], varsFile?: string) {
  return run(text, { vars: { set, ...(varsFile !== undefined && { file: { path: 'vars.yaml', text: varsFile } }) } });
}

test('a token passed with --set is SMP7003 at the var, naming the --set argument but not echoing it', () => {
  const text = spec('note: null', 'note: ${vars.note}');
  const result = compiled(text, [`note=${HF}`]);
  assert.deepEqual(found(result), [`SMP7003 ${at(text, 'note: null')}`]);
  assert.match(result.diagnostics[0]?.message ?? '', /^--set note=…/);
  assert.ok(!JSON.stringify(result.diagnostics).includes(HF), 'the token is not printed');
  assert.equal(result.definitionText, undefined);
});

test('a key in a vars file is SMP7001 at its line and column in that file', () => {
  const text = spec('key: null', '${vars.key}');
  const result = compiled(text, [], `# credentials, by mistake\nkey: ${AKID}\n`);
  assert.deepEqual(found(result), ['SMP7001 2:6']);
  assert.equal(result.diagnostics[0]?.file, 'vars.yaml');
  assert.ok(result.sources.has('vars.yaml'), 'the vars file is there for code frames');
});

test('a token split over two vars is SMP7003 at the expression, naming both vars and where each came from', () => {
  const text = spec('a: null, b: null', 'x ${vars.a}${vars.b} y');
  const result = compiled(text, [`a=${HF.slice(0, 12)}`], `b: ${HF.slice(12)}\n`);
  assert.deepEqual(found(result), [`SMP7003 ${at(text, '${vars.a}')}`]);
  const message = result.diagnostics[0]?.message ?? '';
  assert.match(message, /\$\{vars\.a\} and \$\{vars\.b\}/);
  assert.match(message, /--set a=…/);
  assert.match(message, /vars\.yaml:1:4/);
});

test('half literal, half var is SMP7003 at the literal half', () => {
  const text = spec('rest: null', `token ${HF.slice(0, 10)}\${vars.rest}`);
  const result = compiled(text, [`rest=${HF.slice(10)}`]);
  assert.deepEqual(found(result), [`SMP7003 ${at(text, HF.slice(0, 10))}`]);
});

test('a token made of a var default and a --set value is found too', () => {
  const text = spec(`a: ${HF.slice(0, 8)}, b: null`, '${vars.a}${vars.b}');
  assert.deepEqual(found(compiled(text, [`b=${HF.slice(8)}`])), [`SMP7003 ${at(text, '${vars.a}')}`]);
});

test('a secret-named environment variable that gets a literal from a var is SMP7005; an ARN is fine', () => {
  const env = (value: string) => `${HEAD}vars: { tok: null }\nsteps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1\n    instance: { type: ml.m5.xlarge }\n    environment: { HF_TOKEN: "${value}" }\n`;
  const text = env('${vars.tok}');
  assert.deepEqual(found(compiled(text, ['tok=plain-text'])), [`SMP7005 ${at(text, '"${vars.tok}"')}`]);
  assert.deepEqual(found(compiled(text, ['tok=arn:aws:secretsmanager:us-east-1:111122223333:secret:hf-AbCdEf'])), []);
});

test('vars that are not secrets, and tokens in unused vars of the spec, stay as they were', () => {
  const text = spec('a: null, b: null', '${vars.a}${vars.b}');
  const result = compiled(text, ['a=hf_', 'b=short']);
  assert.deepEqual(found(result), []);
  assert.match(result.definitionText ?? '', /"ErrorMessage": "hf_short"/);
});

test('findAllSecretsInText finds every shape, in order; findSecretInText keeps its first-pattern answer', () => {
  const text = `x ${HF} y ${AKID} z ${HF}`;
  assert.deepEqual(findAllSecretsInText(text).map((f) => [f.code, f.index]), [['SMP7003', 2], ['SMP7001', 3 + HF.length + 2], ['SMP7003', 4 + HF.length + AKID.length + 4]]);
  assert.equal(findSecretInText(text)?.code, 'SMP7001');
});
