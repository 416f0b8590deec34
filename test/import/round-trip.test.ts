/**
 * smpipe import's promise (issue 15 item 4): compiling the imported spec gives the definition's
 * Parameters and Steps (import/normalize.ts says what "the same" allows), on every golden, the
 * flagship, the real SDK v2.240 DPO reference, and the pipelines in test/import/fixtures/sdk/, which
 * SDK v2.240.0 printed (their README says how).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { definitionSteps } from '../../src/compile/definition-steps.js';
import type { Json, JsonObject } from '../../src/expr/types.js';
import { loadDefinition } from '../../src/import/definition.js';
import { normalize, normalStep } from '../../src/import/normalize.js';
import { importDefinition } from '../../src/import/round-trip.js';

const DEFINITIONS = [
  ...readdirSync('test/golden/ok').filter((f) => f.endsWith('.definition.json')).map((f) => join('test/golden/ok', f)),
  'test/golden/flagship/llama3-dpo.definition.json',
  'test/check/fixtures/sdk-v2-dpo-reference.json',
  ...readdirSync('test/import/fixtures/sdk').filter((f) => f.endsWith('.json')).map((f) => join('test/import/fixtures/sdk', f)),
];

export function imported(path: string) {
  const loaded = loadDefinition(path, readFileSync(path, 'utf8'));
  assert.deepEqual(loaded.reporter.diagnostics, [], 'the definition reads');
  const definition = loaded.definition as JsonObject;
  return { definition, result: importDefinition(definition, loaded.steps, { name: 'imported', file: 'test/import/imported.yaml', from: path }) };
}

/** Every step (branches included) in normal form, by name, and the top-level order. */
function stepsOf(definition: Json | undefined): { byName: Record<string, Json>; order: string[] } {
  const placed = definitionSteps(definition);
  return { byName: Object.fromEntries(placed.map((s) => [s.name, normalStep(s.step)])), order: placed.map((s) => s.name) };
}

for (const path of DEFINITIONS) {
  test(`import round-trips ${path}: the imported spec compiles to the same Parameters and Steps`, () => {
    const { definition, result } = imported(path);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'SMP8009').map((d) => `${d.code} ${d.message}`), []);
    // Compiled again, independently of the importer's own check.
    const again = compile(result.text, { file: 'test/import/imported.yaml' });
    assert.ok(again.definition, 'the imported spec compiles');
    const want = stepsOf(definition);
    const got = stepsOf(again.definition);
    assert.deepEqual(got.order, want.order, 'the same steps in the same places');
    for (const name of want.order) assert.deepEqual(got.byName[name], want.byName[name], `step ${name}`);
    assert.deepEqual(normalize((again.definition as JsonObject).Parameters ?? []), normalize(definition.Parameters ?? []), 'Parameters');
  });
}

test('importing is stable: the definition the imported spec compiles to imports to the same spec', () => {
  for (const path of DEFINITIONS) {
    const first = imported(path).result;
    const definition = compile(first.text, { file: 'test/import/imported.yaml' }).definition as JsonObject;
    const loaded = loadDefinition('again.json', JSON.stringify(definition));
    const second = importDefinition(definition, loaded.steps, { name: 'imported', file: 'test/import/imported.yaml', from: path });
    assert.equal(second.text, first.text, path);
  }
});

test('the SDK reference comes back as kinds with their fields, not as raw steps', () => {
  const { result } = imported('test/check/fixtures/sdk-v2-dpo-reference.json');
  assert.deepEqual(result.raw, []);
  assert.match(result.text, /TrainDPO:\n {4}kind: training\n/);
  assert.match(result.text, /code: s3:\/\/example-bucket\/Llama3DPOAlignment\/code\/0c9e4a3344cc29b51e7e9330aa5a25b3b446c9b78f137344ca38a28b59b0a830\/sourcedir\.tar\.gz\n {4}entry: train_dpo\.py\n {4}distribution: torchrun/);
  assert.match(result.text, /when: \$\{steps\.Evaluate\.reports\.EvaluationReport\.metrics\.win_rate\.value\} >= \$\{params\.MinWinRate\}/);
  assert.match(result.text, /model_package_arn: \$\{steps\.RegisterModel-RegisterModel\.modelPackageArn\}/);
});

test('the SDK\'s JSON-encoded hyperparameters come back as YAML values; one the encoding would write otherwise stays raw', () => {
  const { result } = imported('test/import/fixtures/sdk/script-mode.json');
  assert.match(result.text, /hyperparameters:\n {6}alpha: \$\{params\.Alpha\}\n {6}fit_intercept: \$\{params\.FitIntercept\}\n {6}solver: \$\{params\.Solver\}\n {6}name: ridge\n {6}max_iter: 100\n {6}tol: 0\.00001\n {6}features:\n {8}- length\n {8}- diameter\n {6}warm_start: false\n {6}note: null\n/);
  // Python wrote {"rings": 1.0}; JSON has no 1.0 apart from 1, so arguments: keeps the SDK's text.
  assert.match(result.text, /arguments:\n {6}HyperParameters:\n {8}weights: '\{"rings": 1\.0\}'\n/);
});

test('the SDK\'s tuning step stays a raw step (its HyperParameterTuningResourceConfig is no tuning kind field); its transform is the transform kind', () => {
  const { result } = imported('test/import/fixtures/sdk/tuning.json');
  assert.deepEqual(result.raw, ['HPTuning']);
  assert.match(result.text, /HPTuning:\n {4}kind: step\n {4}type: Tuning\n/);
  assert.match(result.text, /modelData: s3:\/\/example-bucket\/tuning\/\$\{steps\.HPTuning\.properties\.TrainingJobSummaries\[0\]\.TrainingJobName\}\/output\/model\.tar\.gz/);
  assert.match(result.text, /Score:\n {4}kind: transform\n {4}model: \$\{steps\.BestModel-CreateModel\.name\}\n {4}instance:\n {6}type: ml\.m5\.xlarge\n {4}input:\n {6}source: s3:\/\/example-bucket\/tuning\/batch\n {6}contentType: text\/csv\n/);
});

test('tuning and transform steps come back as their kinds: the training definition, ranges, objective, limits; input, output, data processing', () => {
  const { result } = imported('test/golden/ok/transform-tuning.definition.json');
  assert.deepEqual(result.raw, []);
  assert.deepEqual(result.overridden, []);
  assert.match(result.text, /^vars:\n {2}region: us-east-1\n/m, 'the region from the script-mode tuning step');
  assert.match(result.text, /TuneXgb:\n {4}kind: tuning\n {4}training:\n {6}image: 683313688378\.dkr\.ecr\.us-east-1\.amazonaws\.com\/sagemaker-xgboost:1\.7-1\n/);
  assert.match(result.text, /ranges:\n {6}max_depth:\n {8}type: integer\n {8}min: 3\n {8}max: 10\n {6}eta:\n {8}type: continuous\n {8}min: 0\.01\n {8}max: 0\.3\n {8}scaling: Logarithmic\n {6}booster:\n {8}values:\n {10}- gbtree\n {10}- dart\n {4}objective:\n {6}metric: validation:auc\n {6}type: Maximize\n {4}maxJobs: \$\{params\.MaxJobs\}\n {4}maxParallel: 2\n/);
  // Script mode: categorical values are JSON-encoded in the definition, plain in the spec.
  assert.match(result.text, /optimizer:\n {8}values:\n {10}- adam\n {10}- sgd\n {10}- "1"\n/);
  assert.match(result.text, /code: s3:\/\/golden-bucket\/smpipe\/assets\/[0-9a-f]{64}\/sourcedir\.tar\.gz\n {6}entry: train\.py\n/);
  assert.match(result.text, /warmStart:\n {6}parents:\n {8}- previous-tuning-job\n {6}type: IdenticalDataAndAlgorithm\n/);
  assert.match(result.text, /BEST_JOB: \$\{steps\.TuneXgb\.bestTrainingJob\}/);
  // The top models' Std:Join (get_top_model_s3_uri) is the property the tuning kind builds it for.
  assert.match(result.text, /modelData: \$\{steps\.TuneXgb\.bestModel\}\n/);
  assert.match(result.text, /SECOND: \$\{steps\.TuneXgb\.models\.1\}\n/);
  assert.match(result.text, /modelData: \$\{steps\.TuneScript\.bestModel\}\n/, 'a run-time training output: the join reads the tuning job\'s own OutputDataConfig');
  assert.match(result.text, /BatchScore:\n {4}kind: transform\n {4}model: \$\{steps\.BestModel\.name\}\n {4}instance:\n {6}type: \$\{params\.TransformInstance\}\n {6}count: 2\n/);
  assert.match(result.text, /join: Input\n {4}inputFilter: \$\[1:\]\n {4}outputFilter: \$\[0,-1\]\n {4}modelClient:\n {6}timeout: 600\n {6}retries: 2\n/);
});

test('EMR, EMR Serverless and AutoML steps come back as their kinds; check and notebook steps as raw steps (their kinds build more than the definition shows)', () => {
  assert.deepEqual(imported('test/golden/ok/checks.definition.json').result.raw, ['DataQuality', 'ModelQuality', 'DataBias', 'ModelBias', 'Explainability']);
  const { result } = imported('test/golden/ok/emr-automl-notebook.definition.json');
  assert.deepEqual(result.raw, ['Report', 'ReportFromS3']);
  assert.match(result.text, /AutoPilot:\n {4}kind: automl\n {4}data: s3:\/\/golden-bucket\/data\/churn\.csv\n {4}target: churn\n/);
  assert.match(result.text, /AutoPilotSplit:\n {4}kind: automl\n {4}data:\n {6}train: s3:\/\/golden-bucket\/data\/train\.parquet\n {6}validation: s3:\/\/golden-bucket\/data\/validation\.parquet\n/);
  assert.match(result.text, /\$\{steps\.AutoPilot\.bestImage\}/);
  assert.match(result.text, /SparkOnCluster:\n {4}kind: emr\n {4}jar: command-runner\.jar\n {4}args:\n(?: {6}- .*\n)+ {4}jarProperties:\n {6}spark\.executor\.memory: 4g\n {4}cluster: \$\{params\.ClusterId\}\n/);
  assert.match(result.text, /SparkOnNewCluster:\n {4}kind: emr\n {4}jar: s3:\/\/golden-bucket\/jars\/etl\.jar\n {4}mainClass: com\.example\.Etl\n {4}clusterConfig:\n {6}ReleaseLabel: emr-7\.1\.0\n/);
  assert.match(result.text, /ServerlessSpark:\n {4}kind: emr-serverless\n {4}executionRole: .*\n {4}application: 00f1abcdefgh2345\n {4}spark:\n {6}entryPoint: s3:\/\/golden-bucket\/jobs\/features\.py\n/);
  assert.match(result.text, /ServerlessNewApp:\n {4}kind: emr-serverless\n(?: {4}.*\n)*? {4}jobDriver:\n {6}hive:\n/);
  // raw-steps.yaml writes its Tuning, Transform and EMR steps as raw steps; they import as the kinds.
  const raw = imported('test/golden/ok/raw-steps.definition.json').result;
  assert.deepEqual(raw.raw, []);
  assert.match(raw.text, /Tune:\n {4}kind: tuning\n[\s\S]*Batch:\n {4}kind: transform\n[\s\S]*Spark:\n {4}kind: emr\n/);
});

test('the SDK fixtures are byte for byte what the SDK printed (their README lists each sha256)', () => {
  const readme = readFileSync('test/import/fixtures/sdk/README.md', 'utf8');
  for (const file of readdirSync('test/import/fixtures/sdk').filter((f) => f.endsWith('.json'))) {
    const sum = createHash('sha256').update(readFileSync(join('test/import/fixtures/sdk', file))).digest('hex');
    assert.ok(readme.includes(`${sum}  ${file}`), `${file}: ${sum} is not the sha256 in the README`);
  }
});
