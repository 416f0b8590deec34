/**
 * Script-mode hyperparameters reach the training script as the spec says (issue 15 item 2).
 * The compiled values are decoded by the repository's own stand-in for the training toolkit,
 * src/run/python/train_launcher.py (json.loads every value, str() into --key value, SM_HPS), which
 * `smpipe run` starts in every local training job: the test sees what a script really receives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compile } from '../../src/compile/compile.js';
import type { Json } from '../../src/expr/types.js';
import { resolveValue } from '../../src/run/expressions.js';
import type { JsonObject } from '../../src/run/definition.js';
import { pythonJsonDumps } from '../../src/steps/shared/hyperparameters.js';
import { HEADER, runErrors, stepsByName } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LAUNCHER = join(ROOT, 'src/run/python/train_launcher.py');
const PYTHON = 'python3';
const work = mkdtempSync(join(tmpdir(), 'smpipe-hps-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SPEC = `${HEADER.replace('vars:\n', 'vars:\n  model: meta-llama/Meta-Llama-3-8B-Instruct\n')}parameters:
  Beta: { type: float, default: 0.1 }
  Flag: { type: boolean, default: true }
  Name: { type: string, default: "true" }
  Epochs: { type: integer, default: 3 }
steps:
  Train:
    kind: training
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/train:1
    instance: { type: ml.m5.large }
    code: ../golden/fixtures/code/trainer
    entry: train.py
    hyperparameters:
      text: plain text
      text_true: "true"
      text_null: "null"
      text_list: '["q_proj","v_proj"]'
      text_dict: '{"num_cycles": 2}'
      text_number: "0.50"
      number: 0.5
      integer: 7
      small: 2e-5
      flag: true
      nothing: null
      list: [q_proj, v_proj]
      mapping: { num_cycles: 2, kind: cosine }
      unicode: "Grüße \\"quoted\\""
      from_var: \${vars.model}
      beta: \${params.Beta}
      flag_param: \${params.Flag}
      name_param: \${params.Name}
      joined: "run-\${params.Epochs}-x"
`;

/** What the spec says each value is, as the script should see it after json.loads. */
const SAYS: Record<string, Json> = {
  text: 'plain text', text_true: 'true', text_null: 'null', text_list: '["q_proj","v_proj"]', text_dict: '{"num_cycles": 2}',
  text_number: '0.50', number: 0.5, integer: 7, small: 2e-5, flag: true, nothing: null, list: ['q_proj', 'v_proj'],
  mapping: { num_cycles: 2, kind: 'cosine' }, unicode: 'Grüße "quoted"', from_var: 'meta-llama/Meta-Llama-3-8B-Instruct',
  beta: 0.1, flag_param: true, joined: 'run-3-x',
  // As with the SDK, a String parameter passes as it is (ParameterString.to_string() is itself), so
  // the toolkit decodes its run-time value: "true" reaches the script as True.
  name_param: true,
};

function compiledHyperparameters(): JsonObject {
  const result = compile(SPEC, { file: join(ROOT, 'test/steps/hyperparameters.yaml') });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
  const args = stepsByName(result.definition).Train as { Arguments: { HyperParameters: JsonObject } };
  return args.Arguments.HyperParameters;
}

/** The run-time values SageMaker would send: pipeline functions resolved with the parameters' defaults, as `smpipe run` does. */
function atRunTime(hps: JsonObject): JsonObject {
  const defaults: Record<string, Json> = { Beta: 0.1, Flag: true, Name: 'true', Epochs: 3 };
  const scope = { parameter: (n: string) => defaults[n], execution: () => undefined, step: () => undefined, propertyFile: () => null };
  return resolveValue(hps, scope) as JsonObject;
}

/** Runs train_launcher.py on the values; the entry script writes what it received. */
function launch(hps: JsonObject): { argv: string[]; hps: Record<string, Json>; env: Record<string, string> } {
  const base = mkdtempSync(join(work, 'opt-ml-'));
  mkdirSync(join(base, 'input/config'), { recursive: true });
  mkdirSync(join(base, 'code'));
  writeFileSync(join(base, 'input/config/hyperparameters.json'), JSON.stringify({ ...hps, sagemaker_program: '"show.py"' }));
  writeFileSync(join(base, 'input/config/resourceconfig.json'), JSON.stringify({ current_host: 'algo-1', hosts: ['algo-1'] }));
  writeFileSync(join(base, 'input/config/inputdataconfig.json'), '{}');
  writeFileSync(join(base, 'code/show.py'), [
    'import json, os, sys',
    'env = {k: v for k, v in os.environ.items() if k.startswith("SM_HP_")}',
    'json.dump({"argv": sys.argv[1:], "hps": json.loads(os.environ["SM_HPS"]), "env": env}, open(sys.argv[0] + ".seen", "w"))',
  ].join('\n'));
  execFileSync(PYTHON, [LAUNCHER], { env: { ...process.env, SAGEMAKER_BASE_DIR: base }, stdio: ['ignore', 'ignore', 'pipe'] });
  return JSON.parse(readFileSync(join(base, 'code/show.py.seen'), 'utf8')) as ReturnType<typeof launch>;
}

test('every hyperparameter decodes to what the spec says (SM_HPS, after the toolkit\'s json.loads)', () => {
  const seen = launch(atRunTime(compiledHyperparameters()));
  const decoded = Object.fromEntries(Object.entries(seen.hps).filter(([k]) => !k.startsWith('sagemaker_')));
  assert.deepEqual(decoded, SAYS);
});

test('the script\'s arguments are str() of the decoded values, sorted by name, as the toolkit passes them', () => {
  const { argv } = launch(atRunTime(compiledHyperparameters()));
  const pairs = Object.fromEntries(Array.from({ length: argv.length / 2 }, (_, i) => [argv[2 * i], argv[2 * i + 1]]));
  assert.deepEqual(pairs, {
    '--beta': '0.1', '--flag': 'True', '--flag_param': 'True', '--from_var': 'meta-llama/Meta-Llama-3-8B-Instruct', '--integer': '7',
    '--joined': 'run-3-x', '--list': "['q_proj', 'v_proj']", '--mapping': 'kind=cosine,num_cycles=2', '--name_param': 'True',
    '--nothing': '', '--number': '0.5', '--small': '2e-05', '--text': 'plain text', '--text_dict': '{"num_cycles": 2}',
    '--text_list': '["q_proj","v_proj"]', '--text_null': 'null', '--text_number': '0.50', '--text_true': 'true', '--unicode': 'Grüße "quoted"',
  });
});

test('the compiled values are the SDK\'s: json.dumps of literals, pipeline variables through to_string()', () => {
  const hps = compiledHyperparameters();
  assert.equal(hps.text, '"plain text"');
  assert.equal(hps.text_true, '"true"');
  assert.equal(hps.list, '["q_proj", "v_proj"]');
  assert.equal(hps.mapping, '{"num_cycles": 2, "kind": "cosine"}');
  assert.equal(hps.small, '2e-05');
  assert.equal(hps.unicode, '"Gr\\u00fc\\u00dfe \\"quoted\\""');
  assert.deepEqual(hps.name_param, { Get: 'Parameters.Name' });
  assert.deepEqual(hps.beta, { 'Std:Join': { On: '', Values: [{ Get: 'Parameters.Beta' }] } });
  assert.deepEqual(hps.joined, { 'Std:Join': { On: '', Values: ['run-', { Get: 'Parameters.Epochs' }, '-x'] } });
  assert.equal(hps.sagemaker_program, '"train.py"');
});

test('pythonJsonDumps writes what Python\'s json.dumps writes, for any JSON value', () => {
  const values = fc.sample(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { seed: 0x5eed, numRuns: 400 }) as Json[];
  const lines = values.map((v) => JSON.stringify(v)).join('\n');
  // JSON text cannot tell 1e21 from an integer; a YAML integer past 2^53 is SMP2005, so such a number
  // was written as a float, and Python reads it as one here.
  const python = 'import json, sys\nfloaty = lambda s: int(s) if abs(int(s)) <= 2**53 - 1 else float(s)\nfor line in sys.stdin.read().split("\\n"):\n    print(json.dumps(json.loads(line, parse_int=floaty)))';
  const expected = execFileSync(PYTHON, ['-c', python], { input: lines, encoding: 'utf8' }).trimEnd().split('\n');
  values.forEach((v, i) => assert.equal(pythonJsonDumps(v), expected[i], `for ${JSON.stringify(v)}`));
  for (const x of [2e-5, 5e-7, 1e16, 1.5e300, 123.456, 1e-4, 1e-5, -2.5e-10, 1e21, 0.1 + 0.2]) {
    assert.equal(pythonJsonDumps(x), execFileSync(PYTHON, ['-c', `import json; print(json.dumps(${x === 1e16 || x === 1e21 ? `float(${x})` : String(x)}))`], { encoding: 'utf8' }).trim());
  }
});

test('outside script mode values are text; a list there is SMP2007, a run-time value inside a list SMP3011', () => {
  const plain = `${HEADER}steps:
  Train:
    kind: training
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/xgboost:1
    instance: { type: ml.m5.large }
    hyperparameters: { objective: "reg:squarederror", max_depth: 5, verbose: true }
`;
  const result = compile(plain, { file: join(ROOT, 'test/steps/plain.yaml') });
  const train = stepsByName(result.definition).Train as { Arguments: { HyperParameters: JsonObject } };
  assert.deepEqual(train.Arguments.HyperParameters, { objective: 'reg:squarederror', max_depth: '5', verbose: 'true' });
  runErrors({
    name: 'lists need script mode',
    spec: plain.replace('verbose: true }', 'verbose: true, layers: [1, 2] }'),
    expect: [{ code: 'SMP2007', at: '[1, 2]' }],
  });
  runErrors({
    name: 'a run-time value inside a list',
    spec: `${HEADER}parameters:\n  Beta: { type: float, default: 0.1 }\nsteps:\n  Train:\n    kind: training\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/train:1\n    instance: { type: ml.m5.large }\n    code: test/golden/fixtures/code/trainer\n    entry: train.py\n    hyperparameters:\n      betas: [0.1, "\${params.Beta}"]\n`,
    expect: [{ code: 'SMP3011', at: '[0.1,' }],
  });
});
