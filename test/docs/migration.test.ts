/**
 * The README's migration guide compiles (issue 15 item 6): its YAML blocks, in order, are one spec;
 * the blocks "as a raw step" (the transform and tuning steps as the raw `step` kind) compile in
 * place of the kind steps of the same names.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { compile } from '../../src/compile/compile.js';
import { validateDefinition } from '../../src/check/definition-schema/index.js';
import { definitionSteps } from '../../src/compile/definition-steps.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Migrating from the SageMaker Python SDK'), readme.indexOf('\n## ', readme.indexOf('## Migrating from the SageMaker Python SDK') + 1));
const blocks = [...section.matchAll(/```yaml\n# migration: ([^\n]+)\n([\s\S]*?)```/g)].map((m) => ({ tag: m[1] as string, text: m[2] as string }));

// The local files the guide names: code/preprocessing.py and code/evaluation.py.
const dir = mkdtempSync(join(tmpdir(), 'smpipe-migration-'));
mkdirSync(join(dir, 'code'));
for (const script of ['preprocessing.py', 'evaluation.py']) writeFileSync(join(dir, 'code', script), `print("${script}")\n`);
after(() => rmSync(dir, { recursive: true, force: true }));

const base = blocks.filter((b) => b.tag === 'base').map((b) => b.text).join('');
const steps = blocks.filter((b) => b.tag === 'steps').map((b) => b.text).join('');

function compiled(text: string) {
  const result = compile(text, { file: join(dir, 'abalone.yaml') });
  // Not even a warning: a guide's example is one to copy.
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col} ${d.message}`), []);
  assert.deepEqual(validateDefinition(result.definition), []);
  return result;
}

test('the guide has its blocks: the base, every SDK step it covers, the raw-step forms', () => {
  assert.equal(blocks.filter((b) => b.tag === 'base').length, 1);
  assert.deepEqual(blocks.filter((b) => b.tag === 'as a raw step').map((b) => Object.keys((parse(`steps:\n${b.text}`) as { steps: object }).steps)), [['AbaloneTransform'], ['AbaloneTune', 'AbaloneBestModel']]);
  for (const heading of ['**Processing**', '**Training**', '**Condition**', '**Register**', '**Transform**', '**Tuning**']) assert.ok(section.includes(heading), heading);
});

test('the migration guide\'s YAML compiles to the SDK\'s step types', () => {
  const result = compiled(`${base}${steps}`);
  const types = Object.fromEntries(definitionSteps(result.definition).map((s) => [s.name, s.type]));
  assert.deepEqual(types, {
    AbaloneProcess: 'Processing', AbaloneTrain: 'Training', AbaloneEval: 'Processing', AbaloneMSECond: 'Condition',
    AbaloneRegisterModel: 'RegisterModel', AbaloneCreateModel: 'Model', AbaloneTransform: 'Transform', AbaloneMSEFail: 'Fail',
    AbaloneTune: 'Tuning', AbaloneBestModel: 'Model',
  });
  // Where the guide and the SDK's own definition of this pipeline (test/import/fixtures/sdk/abalone.json) say the same.
  const sdk = Object.fromEntries(definitionSteps(JSON.parse(readFileSync('test/import/fixtures/sdk/abalone.json', 'utf8'))).map((s) => [s.name, s.step]));
  const ours = Object.fromEntries(definitionSteps(result.definition).map((s) => [s.name, s.step]));
  const args = (step: unknown) => (step as { Arguments: Record<string, unknown> }).Arguments;
  assert.deepEqual(args(ours.AbaloneTrain).HyperParameters, args(sdk.AbaloneTrain).HyperParameters);
  assert.deepEqual(args(ours.AbaloneTrain).InputDataConfig, args(sdk.AbaloneTrain).InputDataConfig);
  assert.deepEqual(args(ours.AbaloneMSECond).Conditions, args(sdk.AbaloneMSECond).Conditions);
  // ModelStep names its steps <name>-CreateModel and <name>-RegisterModel; a spec names them as written.
  assert.deepEqual(args(ours.AbaloneTransform), JSON.parse(JSON.stringify(args(sdk.AbaloneTransform)).replaceAll('AbaloneCreateModel-CreateModel', 'AbaloneCreateModel')));
});

for (const block of blocks.filter((b) => b.tag === 'as a raw step')) {
  const name = Object.keys((parse(`steps:\n${block.text}`) as { steps: object }).steps)[0] as string;
  test(`the guide's raw ${name} compiles in place of its kind step, to the same step type`, () => {
    const spec = parse(`${base}${steps}`) as { steps: Record<string, { kind: string }> };
    const kindStep = spec.steps[name];
    Object.assign(spec.steps, (parse(`steps:\n${block.text}`) as { steps: Record<string, { kind: string }> }).steps);
    assert.notEqual(kindStep?.kind, 'step');
    assert.equal(spec.steps[name]?.kind, 'step');
    const types = Object.fromEntries(definitionSteps(compiled(stringify(spec)).definition).map((s) => [s.name, s.type]));
    assert.equal(types[name], name === 'AbaloneTune' ? 'Tuning' : 'Transform');
  });
}
