import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Json } from '../../src/expr/types.js';
import { diffJson, showValue } from '../../src/deploy/json-diff.js';
import { diffDefinitionSettings, diffSteps, flattenSteps } from '../../src/deploy/step-diff.js';
import { settingChanges, tagChanges } from '../../src/deploy/settings-diff.js';

const step = (name: string, type: string, args: Record<string, unknown> = {}) => ({ Name: name, Type: type, Arguments: args });

function definition(steps: unknown[], parameters: unknown[] = []): Json {
  return { Version: '2020-12-01', Metadata: {}, Parameters: parameters, Steps: steps } as Json;
}

const gate = (ifSteps: unknown[], elseSteps: unknown[]) => step('Gate', 'Condition', { Conditions: [{ Type: 'GreaterThan', LeftValue: 1, RightValue: 0 }], IfSteps: ifSteps, ElseSteps: elseSteps });

test('diffJson reports leaf paths, key-sorted, with bracket notation where needed', () => {
  const diffs = diffJson({ b: { 'train/loss': 'x', k: 1 }, a: [1, 2] }, { a: [1, 3, 4], b: { 'train/loss': 'y', k: 1 } });
  assert.deepEqual(diffs, [
    { path: 'a[1]', from: 2, to: 3 },
    { path: 'a[2]', from: undefined, to: 4 },
    { path: "b['train/loss']", from: 'x', to: 'y' },
  ]);
  assert.deepEqual(diffJson({ x: { y: 1 } }, { x: { y: 1 } }), []);
  assert.deepEqual(diffJson({ x: [1] }, { x: { 0: 1 } }), [{ path: 'x', from: [1], to: { 0: 1 } }]);
});

test('showValue keeps short values and cuts long ones in the middle', () => {
  assert.equal(showValue(undefined), '(absent)');
  assert.equal(showValue('abc'), '"abc"');
  const long = showValue(`s3://bucket/${'a'.repeat(100)}/sourcedir.tar.gz`);
  assert.equal(long.length, 71);
  assert.ok(long.startsWith('"s3://bucket/') && long.endsWith('/sourcedir.tar.gz"') && long.includes('…'));
});

test('flattenSteps walks condition branches and records where each step sits', () => {
  const def = definition([step('A', 'Processing'), gate([step('B', 'Training'), gate2()], [step('C', 'Fail')])]);
  const flat = flattenSteps(def).map((s) => `${s.name}@${s.location}`);
  assert.deepEqual(flat, ['A@', 'Gate@', 'B@Gate.then', 'Inner@Gate.then', 'D@Inner.then', 'C@Gate.else']);
  const gateBody = flattenSteps(def)[1]?.body as { Arguments: { IfSteps: unknown } };
  assert.deepEqual(gateBody.Arguments.IfSteps, ['B', 'Inner'], 'branches compared by step names');
});

function gate2() {
  return { Name: 'Inner', Type: 'Condition', Arguments: { Conditions: [], IfSteps: [step('D', 'Model')], ElseSteps: [] } };
}

test('diffSteps: added, removed, changed (nested included), a change inside a branch stays on its step', () => {
  const before = definition([step('A', 'Processing', { X: 1 }), step('Old', 'Fail'), gate([step('B', 'Training', { H: { beta: '0.1' } })], [])]);
  const after = definition([step('A', 'Processing', { X: 1 }), step('New', 'Fail'), gate([step('B', 'Training', { H: { beta: '0.2' } })], [])]);
  const changes = diffSteps(before, after);
  assert.deepEqual(changes.map((c) => `${c.change}:${c.name}`), ['added:New', 'removed:Old', 'changed:B']);
  assert.deepEqual(changes[2]?.fields, [{ path: 'Arguments.H.beta', from: '0.1', to: '0.2' }]);
  assert.equal(changes[2]?.location, 'Gate.then');
});

test('diffSteps: a step moved between branches changes its condition and itself', () => {
  const before = definition([gate([step('B', 'Fail')], [])]);
  const after = definition([gate([], [step('B', 'Fail')])]);
  const changes = diffSteps(before, after);
  assert.deepEqual(changes.map((c) => c.name), ['Gate', 'B']);
  assert.deepEqual(changes[1]?.fields[0], { path: '(branch)', from: 'Gate.then', to: 'Gate.else' });
  assert.deepEqual(changes[0]?.fields.map((f) => f.path), ['Arguments.ElseSteps[0]', 'Arguments.IfSteps[0]']);
});

test('diffSteps against nothing: every step is added; key order never matters', () => {
  const def = definition([step('A', 'Processing', { b: 1, a: 2 })]);
  assert.deepEqual(diffSteps(undefined, def).map((c) => c.change), ['added']);
  assert.deepEqual(diffSteps(definition([step('A', 'Processing', { a: 2, b: 1 })]), def), []);
});

test('diffDefinitionSettings compares parameters by name, not position', () => {
  const p = (name: string, value: number) => ({ Name: name, Type: 'Float', DefaultValue: value });
  const diffs = diffDefinitionSettings(definition([], [p('A', 1), p('B', 2)]), definition([], [p('B', 3), p('A', 1)]));
  assert.deepEqual(diffs, [{ path: 'Parameters.B.DefaultValue', from: 2, to: 3 }]);
});

test('settingChanges ignores what the spec leaves unset; tagChanges keeps AWS-owned tags', () => {
  const deployed = { role: 'r1', displayName: 'n', description: 'd', parallelism: 5 };
  assert.deepEqual(settingChanges(deployed, { role: null, displayName: 'n', description: '', parallelism: null }), [{ field: 'description', from: 'd', to: '' }]);
  const tags = tagChanges({ keep: '1', change: 'a', drop: 'x', 'aws:cloudformation:stack-name': 's', 'sagemaker:project-id': 'p' }, { keep: '1', change: 'b', add: 'n' });
  assert.deepEqual(tags, { put: { add: 'n', change: 'b' }, remove: ['drop'], previous: { change: 'a' } });
});
