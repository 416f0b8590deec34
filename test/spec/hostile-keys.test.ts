/**
 * Keys and expressions chosen to break the compiler (issue 10, items 6 and 8): prototype names in
 * user maps, deep conditions, a 60,000-character name. Each is an SMP diagnostic at its position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, found, run } from '../helpers/diagnostics.js';
import { MAX_RUN, shortenMessage, truncate } from '../../src/util/truncate.js';

const HEAD = 'pipeline: p\nartifacts: s3://b/p\ndefaults: { role: "arn:aws:iam::111122223333:role/R" }\n';
const TRAIN = '  T:\n    kind: training\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1\n    instance: { type: ml.m5.xlarge }\n';
const PROTO_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

test('prototype names as keys of arguments: are SMP8001 at each key, none dropped', () => {
  const text = `${HEAD}steps:\n${TRAIN}    arguments:\n${PROTO_KEYS.map((k) => `      ${k}: 1\n`).join('')}`;
  assert.deepEqual(found(run(text)), PROTO_KEYS.map((k) => `SMP8001 ${at(text, `${k}:`)}`));
});

test('${steps.T.properties.constructor} (.toString, .valueOf, .__proto__) is SMP3008 at the expression', () => {
  const names = ['constructor', 'toString', 'valueOf', '__proto__'];
  const text = `${HEAD}steps:\n${TRAIN}  Stop:\n    kind: fail\n    message: "${names.map((n) => `\${steps.T.properties.${n}}`).join(' ')}"\n`;
  assert.deepEqual(found(run(text)), names.map((n) => `SMP3008 ${at(text, `\${steps.T.properties.${n}}`)}`));
});

test('prototype names after a Describe member, as execution variables and as step kinds are errors too', () => {
  const text = `${HEAD}steps:\n${TRAIN}  Stop:\n    kind: fail\n    message: "\${steps.T.properties.ResourceConfig.constructor} \${execution.constructor}"\n  K:\n    kind: constructor\n`;
  assert.deepEqual(found(run(text)), [`SMP3008 ${at(text, '${steps.T.properties.R')}`, `SMP3009 ${at(text, '${execution')}`, `SMP2006 ${at(text, 'constructor\n')}`]);
});

test('a step named constructor or __proto__ is a step like any other', () => {
  const text = `${HEAD}steps:\n  constructor: { kind: fail, message: a }\n  __proto__: { kind: fail, message: b, dependsOn: [constructor] }\n  toString: { kind: fail, message: c, dependsOn: [hasOwnProperty] }\n`;
  const result = run(text);
  assert.deepEqual(found(result), [`SMP3005 ${at(text, 'hasOwnProperty]')}`]);
});

test('--set constructor=x and a vars-file key hasOwnProperty are undeclared vars (SMP3003), at their place', () => {
  const text = `${HEAD}vars: { a: null }\nsteps:\n  Stop: { kind: fail, message: "\${vars.a}" }\n`;
  const vars = 'a: x\nhasOwnProperty: 1\n__proto__: 2\n';
  const result = run(text, { vars: { set: ['constructor=x', 'toString=y'], file: { path: 'vars.yaml', text: vars } } });
  // A --set has no line of its own: it is reported at the spec's vars: mapping.
  assert.deepEqual(found(result), [`SMP3003 ${at(text, '{ a: null')}`, `SMP3003 ${at(text, '{ a: null')}`, 'SMP3003 2:1', 'SMP3003 3:1']);
  assert.deepEqual(result.diagnostics.map((d) => d.file), ['hostile.yaml', 'hostile.yaml', 'vars.yaml', 'vars.yaml']);
});

test('${vars.constructor} and ${params.toString} are unknown names', () => {
  const text = `${HEAD}steps:\n  Stop: { kind: fail, message: "\${vars.constructor} \${params.toString}" }\n`;
  assert.deepEqual(found(run(text)), [`SMP3003 ${at(text, '${vars')}`, `SMP3002 ${at(text, '${params')}`]);
});

test('__proto__ as a tag key reaches the definition as a key, not as a prototype', () => {
  const text = `${HEAD}steps:\n${TRAIN}    tags: { __proto__: x, team: ml }\n`;
  const result = run(text);
  assert.deepEqual(found(result), []);
  assert.match(result.definitionText ?? '', /"Key": "__proto__"/);
});

test('2,000 "not" and 5,000 nested parentheses in when: are one SMP3001 each', () => {
  for (const when of [`${'not '.repeat(2000)}1 == 1`, `${'('.repeat(5000)}1 == 1${')'.repeat(5000)}`]) {
    const text = `${HEAD}steps:\n  Gate:\n    kind: condition\n    when: "${when}"\n`;
    assert.deepEqual(found(run(text)), [`SMP3001 ${at(text, `"${when.slice(0, 4)}`)}`]);
  }
});

test('conditions nested as deep as the limit allows still compile', () => {
  const when = `${'not ('.repeat(15)}1 == 1${')'.repeat(15)}`;
  const text = `${HEAD}steps:\n  Gate:\n    kind: condition\n    when: "${when}"\n`;
  assert.deepEqual(found(run(text)), []);
});

test('a 60,000-character step name is shortened in every message, the JSON ones included', () => {
  const name = 'S'.repeat(60000);
  const text = `${HEAD}steps:\n  ? ${name}\n  : { kind: fail, message: a }\n  B: { kind: fail, message: "\${steps.${name}x.y}" }\n`;
  const result = run(text);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['SMP5001', 'SMP3005']);
  for (const d of result.diagnostics) {
    assert.ok(d.message.length < 2 * MAX_RUN + 100, `${d.code}: ${d.message.length} characters`);
    assert.match(d.message, /\(600\d\d characters\)/);
  }
});

test('truncate keeps the start and end and says how long the text was', () => {
  assert.equal(truncate('short'), 'short');
  const long = `${'a'.repeat(100)}${'b'.repeat(100)}`;
  const cut = truncate(long, 60);
  assert.ok(cut.length <= 60, cut);
  assert.ok(cut.startsWith('aaa') && cut.endsWith('bbb') && cut.includes('(200 characters)'), cut);
  assert.equal(shortenMessage(`name "${'x'.repeat(10)}" is fine`), `name "${'x'.repeat(10)}" is fine`);
  assert.match(shortenMessage(`name "${'x'.repeat(1000)}" is bad`), /^name "x+… \(1000 characters\) …x+" is bad$/);
});

test('a prototype name at every third place of the flagship (as a value, or as a new key) never crashes the compiler', async () => {
  const { readFileSync } = await import('node:fs');
  const { parse, stringify } = await import('yaml');
  const text = readFileSync('pipeline-specs/llama3-dpo.yaml', 'utf8');
  const vars = { path: 'pipeline-specs/vars/example.yaml', text: readFileSync('pipeline-specs/vars/example.yaml', 'utf8') };
  const places: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      places.push([...path, '']); // '' stands for "add a key here"
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    } else places.push(path);
  };
  walk(parse(text), []);
  // Every third place, each with the next name: the flagship's value kinds all get covered, in seconds.
  const sampled = places.filter((_, i) => i % 3 === 0);
  sampled.forEach((place, i) => {
    const name = PROTO_KEYS[i % PROTO_KEYS.length] as string;
    const doc = parse(text) as Record<string | number, unknown>;
    const parent = place.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, doc);
    const last = place[place.length - 1] as string | number;
    if (last === '') Object.defineProperty(parent, name, { value: 'x', enumerable: true });
    else parent[last] = name;
    const result = run(stringify(doc), { file: 'pipeline-specs/llama3-dpo.yaml', vars: { file: vars } });
    assert.ok(result.diagnostics.every((d) => d.range), `${place.join('/')} = ${name}`);
  });
  assert.ok(sampled.length > 80, `${sampled.length} places`);
});
