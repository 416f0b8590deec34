/**
 * `make run-local`'s flagship half, and issue 13 item 10's proof on CPU: pipeline-specs/llama3-dpo.yaml
 * end to end on this machine with a tiny Llama built on the fly (scripts/build-tiny-llama.py: no
 * download, no secret), generation with transformers (no vLLM on CPU), and simulated labelers whose
 * preference is a learnable rule (src/run/simulated-workers.ts: shorter answers rank higher).
 *
 * What it proves: DPO on the labelers' pairs teaches the model their preference. Evaluate scores
 * held-out pairs with the implicit DPO reward against the base model as reference; the base model
 * itself scores exactly 0.5 there (its margin is 0 on every pair, and a tie counts half), so the
 * aligned model beats it when the lower end of the 95% Wilson interval is above 0.5, which is also
 * the gate's default. And the model registered and deployed is the one Evaluate scored: the same
 * S3 location, the same bytes.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, PYTHON, ROOT, smpipe, tempDir } from './harness.js';
import type { RunRecord, StepRecord } from '../../src/run/state.js';
import type { RegistryData } from '../../src/run/registry.js';
import { modelDataUris } from '../../src/run/model-data.js';
import type { Json as JsonValue } from '../../src/expr/types.js';

/** The base model's preference accuracy: every margin is 0 against itself, and ties count half. */
const BASE_ACCURACY = 0.5;
const Z_95 = 1.959963984540054;

/** The lower end of the Wilson score interval, as containers/evaluate/evaluation/metrics.py computes it. */
function wilsonLower(share: number, n: number): number {
  const denominator = 1 + (Z_95 * Z_95) / n;
  const centre = (share + (Z_95 * Z_95) / (2 * n)) / denominator;
  const halfWidth = (Z_95 * Math.sqrt((share * (1 - share)) / n + (Z_95 * Z_95) / (4 * n * n))) / denominator;
  return Math.max(0, centre - halfWidth);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const s3Path = (localDir: string, uri: string) => join(localDir, 's3', uri.slice('s3://'.length));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function modelInput(evaluate: StepRecord | undefined): string {
  const inputs = (evaluate?.properties?.ProcessingInputs ?? []) as Json[];
  return String(inputs.find((input) => input.InputName === 'model')?.S3Input?.S3Uri);
}

/** The model data of every registered model package and every created model. */
function registeredModelData(registry: RegistryData): string[] {
  const packages = Object.values(registry.modelPackages).flat().map((p) => (p.request as Json).InferenceSpecification?.Containers ?? []);
  const models = Object.values(registry.models).map((m) => [(m.request as Json).PrimaryContainer, ...((m.request as Json).Containers ?? [])]);
  return [...packages, ...models].flatMap((containers) => modelDataUris(containers as JsonValue[]));
}

test('the flagship runs locally, and the model it deploys beats its base on held-out preferences', { timeout: 45 * 60_000 }, async (t) => {
  const model = join(tempDir('smpipe-tiny-llama-'), 'model');
  execFileSync(PYTHON, [join(ROOT, 'scripts/build-tiny-llama.py'), model], { stdio: 'ignore', env: { ...process.env, HF_HUB_OFFLINE: '1' } });
  const folder = compileTo('pipeline-specs/llama3-dpo.yaml', [`baseModelId=${model}`], 'pipeline-specs/vars/local.yaml');
  const localDir = tempDir();
  const args = ['run', folder, '--python', PYTHON, '--local-dir', localDir, '--param', 'GenerationBackend=transformers', '--param', 'ResponsesPerQuestion=3', '--simulate-labels'];
  const result = await smpipe(args, { env: { HF_HUB_OFFLINE: '1' }, timeoutMs: 44 * 60_000 });
  const id = /^run ([a-z0-9]{12}) of/m.exec(result.stdout)?.[1] ?? '';
  const run = JSON.parse(readFileSync(join(localDir, 'runs', id, 'run.json'), 'utf8')) as RunRecord;
  const status = (name: string) => run.steps[name]?.status;
  for (const step of ['GenerateResponses', 'CollectPreferences', 'BuildPreferences', 'TrainDPO', 'Evaluate', 'QualityGate']) assert.equal(status(step), 'Succeeded', `${step}: ${run.steps[step]?.failureReason}\n${result.stdout}`);

  const evaluationUri = ((run.steps.Evaluate?.properties?.ProcessingOutputConfig as Json).Outputs as Json[]).find((o) => o.OutputName === 'evaluation')?.S3Output?.S3Uri as string;
  const accuracy = (JSON.parse(readFileSync(join(s3Path(localDir, evaluationUri), 'evaluation.json'), 'utf8')) as Json).metrics.preference_accuracy as Json;
  const report = `preference accuracy ${accuracy.value} on ${accuracy.n} held-out pairs, 95% Wilson [${accuracy.lower_bound}, ${accuracy.upper_bound}]`;
  t.diagnostic(report);
  assert.ok(accuracy.n >= 30, `too few held-out pairs to tell: ${report}`);
  assert.ok(Math.abs(accuracy.lower_bound - wilsonLower(accuracy.value, accuracy.n)) < 1e-5, `not the Wilson bound: ${report}`);
  assert.ok(accuracy.lower_bound > BASE_ACCURACY, `the aligned model does not beat its base (${BASE_ACCURACY}): ${report}`);
  assert.equal(run.steps.QualityGate?.outcome, true, report);
  assert.equal(result.status, 0, result.stdout);
  for (const step of ['RegisterModel', 'CreateModel', 'EndpointConfig', 'Deploy']) assert.equal(status(step), 'Succeeded', `${step}: ${run.steps[step]?.failureReason}`);
  assert.equal(status('TooWeak'), 'Skipped');

  // The served artifact is the evaluated one: the same S3 location, and the bytes Evaluate loaded are those stored there.
  const trained = String((run.steps.TrainDPO?.properties?.ModelArtifacts as Json).S3ModelArtifacts);
  const registry = JSON.parse(readFileSync(join(localDir, 'registry.json'), 'utf8')) as RegistryData;
  // A prefix of uncompressed model data ends in "/" where the model names it (SageMaker's S3Prefix rule).
  const prefix = (uri: string) => uri.replace(/\/?$/, '/');
  assert.equal(prefix(modelInput(run.steps.Evaluate)), prefix(trained));
  assert.deepEqual(registeredModelData(registry).map(prefix), [prefix(trained), prefix(trained)]);
  assert.ok('llama3-dpo-example-bank' in registry.endpoints);
  const evaluated = join(localDir, 'runs', id, 'Evaluate', 'root', 'processing', 'input', 'model');
  const weights = readdirSync(evaluated).filter((name) => name.endsWith('.safetensors'));
  assert.ok(weights.length > 0, `Evaluate saw no merged weights in ${evaluated}`);
  for (const name of weights) assert.equal(sha256(join(evaluated, name)), sha256(join(s3Path(localDir, trained), name)), name);
});
