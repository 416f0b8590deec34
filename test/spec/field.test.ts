import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { Field } from '../../src/spec/field.js';
import { joinPointer, unescapePointer, valueAt } from '../../src/spec/pointer.js';
import { HEADER, stepsByName } from '../steps/harness.js';

type Channel = string | { source: string; mode?: string };
interface Step {
  instance?: { type: string; count?: number };
  channels?: Record<string, Channel>;
  args?: string[];
  when?: string | string[];
}

const step: Step = { instance: { type: 'ml.m5.large' }, channels: { train: 's3://b/t', 'a/b~c': { source: 's3://b/x', mode: 'Pipe' } }, args: ['--x', '1'], when: ['a', 'b'] };
const root = new Field(step, '/steps/T');

test('joinPointer escapes ~ and / in each segment; unescapePointer and valueAt read them back', () => {
  assert.equal(joinPointer('/steps', 'a/b~c', 0), '/steps/a~1b~0c/0');
  assert.equal(unescapePointer('a~1b~0c'), 'a/b~c');
  assert.equal(valueAt({ 'a/b': { c: [1, 2] } }, 'a~1b/c/1'), 2);
  assert.equal(valueAt({ a: 1 }, 'constructor'), undefined, 'own members only');
  const whole = { a: 1 };
  assert.equal(valueAt(whole, ''), whole);
});

test('at: the member and its pointer; absent members are undefined at the pointer they would have', () => {
  assert.deepEqual([root.at('instance').at('type').raw, root.at('instance').at('type').pointer], ['ml.m5.large', '/steps/T/instance/type']);
  assert.deepEqual([root.at('instance').at('count').raw, root.at('instance').at('count').pointer], [undefined, '/steps/T/instance/count']);
  assert.equal(new Field<Step>({}, '/s').at('instance').at('type').raw, undefined);
});

test('entries: own keys in order, pointers escaped; settings: a shorthand string points at itself', () => {
  const channels = root.at('channels').entries();
  assert.deepEqual(channels.map(([name, f]) => [name, f.pointer]), [['train', '/steps/T/channels/train'], ['a/b~c', '/steps/T/channels/a~1b~0c']]);
  const [[, short], [, long]] = channels as [[string, Field<Channel>], [string, Field<Channel>]];
  assert.deepEqual([short.settings('source').at('source').raw, short.settings('source').at('source').pointer], ['s3://b/t', '/steps/T/channels/train']);
  assert.equal(short.settings('source').at('mode').pointer, '/steps/T/channels/train/mode');
  assert.deepEqual([long.settings('source').at('source').pointer, long.settings('source').at('mode').raw], ['/steps/T/channels/a~1b~0c/source', 'Pipe']);
  assert.deepEqual(new Field<Record<string, string> | undefined>(undefined, '/x').entries(), []);
});

test('items, oneOrMany and ifSet', () => {
  assert.deepEqual(root.at('args').items().map((f) => [f.raw, f.pointer]), [['--x', '/steps/T/args/0'], ['1', '/steps/T/args/1']]);
  assert.deepEqual(root.at('when').oneOrMany().map((f) => f.pointer), ['/steps/T/when/0', '/steps/T/when/1']);
  assert.deepEqual(new Field<string | string[]>('a', '/w').oneOrMany().map((f) => [f.raw, f.pointer]), [['a', '/w']]);
  assert.equal(root.at('instance').at('count').ifSet(), undefined);
  assert.equal(root.at('instance').ifSet()?.raw.type, 'ml.m5.large');
});

test('a tag or hyperparameter whose key holds "/" or "~" keeps its value (pointers were not escaped)', () => {
  const spec = `${HEADER}steps:
  Train:
    kind: training
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/t:1
    instance: { type: ml.m5.large }
    tags: { "team/owner": ml, "a~b": x }
    hyperparameters: { "model/name": llama }
`;
  const result = compile(spec, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics, []);
  const args = (stepsByName(result.definition).Train as { Arguments: { Tags: unknown; HyperParameters: unknown } }).Arguments;
  assert.deepEqual(args.Tags, [{ Key: 'team/owner', Value: 'ml' }, { Key: 'a~b', Value: 'x' }]);
  assert.deepEqual(args.HyperParameters, { 'model/name': 'llama' });
});
