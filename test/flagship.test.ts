/**
 * The flagship spec: it compiles cleanly, its output is pinned by a golden, and
 * its structure matches what the SageMaker Python SDK v2 produced for a similar
 * pipeline (../shared/reference/sdk-v2-dpo-reference.json). The comparison walks
 * both definitions with small helpers; nothing of the reference is copied here.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../src/compile/compile.js';
import { definitionSteps } from '../src/compile/definition-steps.js';
import { validateDefinition } from '../src/check/definition-schema/index.js';
import { canonicalJson } from '../src/util/canonical-json.js';
import { assertGolden } from './helpers/golden.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = 'pipeline-specs/llama3-dpo.yaml';
const VARS = 'pipeline-specs/vars/example.yaml';
const GOLDEN_DIR = join(ROOT, 'test/golden/flagship');
// A copy of ../shared/reference/sdk-v2-dpo-reference.json, so a fresh clone (CI) runs every comparison.
const REFERENCE_PATH = join(ROOT, 'test/check/fixtures/sdk-v2-dpo-reference.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
interface Step extends Obj {
  Name: string;
  Type: string;
  Arguments: Obj;
}
interface Definition {
  Parameters: { Name: string; Type: string }[];
  Steps: Step[];
}

// Relative spec path, as `make compile` passes it: diagnostics and manifest sources stay machine-independent.
const result = compile(readFileSync(join(ROOT, SPEC), 'utf8'), {
  file: SPEC,
  baseDir: join(ROOT, 'pipeline-specs'),
  vars: { file: { path: VARS, text: readFileSync(join(ROOT, VARS), 'utf8') } },
});
const ours = result.definition as unknown as Definition;

const reference = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as Definition;

// ---------------------------------------------------------------- walking helpers

/** Every step, condition branches included, depth first in definition order. */
function allSteps(steps: Step[]): Step[] {
  return definitionSteps({ Steps: steps }).map((s) => s.step as Step);
}

interface Nesting {
  type: string;
  if?: Nesting[];
  else?: Nesting[];
}

/**
 * Step types in their nesting. The SDK reference deploys with a Lambda step,
 * smpipe with native EndpointConfig + Endpoint steps: both count as one "deploy".
 */
function nesting(steps: Step[]): Nesting[] {
  const out: Nesting[] = [];
  for (const s of steps) {
    const type = ['Lambda', 'EndpointConfig', 'Endpoint'].includes(s.Type) ? 'deploy' : s.Type;
    if (type === 'deploy' && out[out.length - 1]?.type === 'deploy') continue;
    out.push(s.Type === 'Condition' ? { type, if: nesting(s.Arguments.IfSteps as Step[]), else: nesting(s.Arguments.ElseSteps as Step[]) } : { type });
  }
  return out;
}

/** Every value of `key` anywhere under `value`. */
function collect(value: Json, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((v) => collect(v, key, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      collect(v, key, out);
    }
  }
  return out;
}

/** `Steps.Evaluate.PropertyFiles.EvaluationReport` → `Steps.S.PropertyFiles.x`: the form without the names. */
function propertyForm(get: string): string {
  return get
    .replace(/^Steps\.[^.]+\./, 'Steps.S.')
    .replace(/\['[^']*'\]/g, "['x']")
    .replace(/^(Steps\.S\.PropertyFiles)\.[^.]+$/, '$1.x');
}

function stepPropertyForms(def: Definition): Set<string> {
  return new Set(collect(def.Steps as unknown as Json, 'Get').filter((g): g is string => typeof g === 'string' && g.startsWith('Steps.')).map(propertyForm));
}

/** The JSON shape: keys and leaf types, not values. */
function shape(value: Json): Json {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape(value[k] as Json)]));
  return typeof value;
}

const byName = (def: Definition, name: string): Step => {
  const step = allSteps(def.Steps).find((s) => s.Name === name);
  assert.ok(step, `step ${name}`);
  return step;
};
const parameterTypes = (def: Definition) => new Map(def.Parameters.map((p) => [p.Name, p.Type]));

/** How hyperparameters use pipeline parameters: a bare Get, or a Std:Join (with its On). */
function hyperparameterUses(def: Definition): { param: string; type: string; form: string }[] {
  const types = parameterTypes(def);
  return allSteps(def.Steps)
    .filter((s) => s.Type === 'Training')
    .flatMap((s) => Object.values((s.Arguments.HyperParameters ?? {}) as Obj))
    .flatMap((v) => {
      const gets = collect(v, 'Get').filter((g): g is string => typeof g === 'string' && g.startsWith('Parameters.'));
      const join = v && typeof v === 'object' && !Array.isArray(v) ? (v['Std:Join'] as Obj | undefined) : undefined;
      return gets.map((g) => {
        const param = g.slice('Parameters.'.length);
        return { param, type: types.get(param) ?? '?', form: join ? `join:${JSON.stringify(join.On)}` : 'get' };
      });
    });
}

const FRAMEWORK_ENTRYPOINT_INPUT = 'entrypoint';
const isFramework = (s: Step) => s.Type === 'Processing' && ((s.Arguments.ProcessingInputs ?? []) as Obj[]).some((i) => i.InputName === FRAMEWORK_ENTRYPOINT_INPUT);

/** A FrameworkProcessor step's code + entrypoint inputs and entrypoint command, without the content-addressed URIs. */
function frameworkShape(step: Step): Json {
  const inputs = (step.Arguments.ProcessingInputs as Obj[]).filter((i) => i.InputName === 'code' || i.InputName === FRAMEWORK_ENTRYPOINT_INPUT);
  const app = step.Arguments.AppSpecification as Obj;
  return {
    inputs: inputs.map((i) => {
      const { S3Uri, ...rest } = i.S3Input as Obj;
      return { ...i, S3Input: { ...rest, S3Uri: typeof S3Uri === 'string' ? (S3Uri.split('/').pop() as string) : shape(S3Uri as Json) } };
    }),
    lastInputs: (step.Arguments.ProcessingInputs as Obj[]).slice(-2).map((i) => i.InputName as string),
    entrypoint: app.ContainerEntrypoint as Json,
  };
}

// ---------------------------------------------------------------- the tests

test('the flagship compiles with the example vars: no errors, no warnings', () => {
  assert.deepEqual(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range?.start.line}:${d.range?.start.col}`), []);
  assert.ok(result.definitionText && result.manifest);
  assert.deepEqual(validateDefinition(result.definition), [], 'the output schema accepts it');
});

test('golden: test/golden/flagship/llama3-dpo.{definition,manifest}.json', () => {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  assertGolden(join(GOLDEN_DIR, 'llama3-dpo.definition.json'), result.definitionText as string);
  assertGolden(join(GOLDEN_DIR, 'llama3-dpo.manifest.json'), canonicalJson(result.manifest));
});

test('reference: the same step types in the same nesting', () => {
  const expected = nesting(reference.Steps);
  assert.deepEqual(nesting(ours.Steps), expected);
  // What that means, spelled out, so a broken reference file cannot make this pass vacuously.
  assert.equal(expected.length, 6);
  assert.deepEqual(expected.at(-1)?.else?.map((n) => n.type), ['Fail']);
  assert.deepEqual(expected.at(-1)?.if?.slice(0, 2).map((n) => n.type), ['RegisterModel', 'Model']);
});

test('reference: the same step property-path forms', () => {
  const theirs = stepPropertyForms(reference);
  const mine = stepPropertyForms(ours);
  for (const form of ["Steps.S.ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri", 'Steps.S.ModelArtifacts.S3ModelArtifacts', "Steps.S.OutputParameters['x']", 'Steps.S.PropertyFiles.x']) {
    assert.ok(theirs.has(form), `the reference uses ${form}`);
    assert.ok(mine.has(form), `the flagship uses ${form}`);
  }
  // The deploy steps differ by design (reference: a Lambda fed ModelName and ModelPackageArn; smpipe: EndpointConfig → Endpoint).
  assert.deepEqual([...theirs].filter((f) => !mine.has(f)), ['Steps.S.ModelPackageArn']);
  // ProcessingJobName: the default checkpoint location names the job that made TrainDPO's inputs (src/steps/shared/checkpoint-uri.ts).
  assert.deepEqual([...mine].filter((f) => !theirs.has(f)), ['Steps.S.ProcessingJobName', 'Steps.S.EndpointConfigName']);
  // Every step property the flagship reads is a property of a step that exists.
  const names = new Set(allSteps(ours.Steps).map((s) => s.Name));
  for (const get of collect(ours.Steps as unknown as Json, 'Get')) {
    if (typeof get === 'string' && get.startsWith('Steps.')) assert.ok(names.has(get.split('.')[1] as string), get);
  }
});

test('reference: the condition reads the property file with the same Std:JsonGet shape', () => {
  const jsonGets = (def: Definition) => {
    const condition = allSteps(def.Steps).find((s) => s.Type === 'Condition') as Step;
    return collect({ wrapped: condition.Arguments.Conditions as Json }, 'Std:JsonGet');
  };
  const theirs = jsonGets(reference);
  const mine = jsonGets(ours);
  assert.equal(mine.length, theirs.length);
  assert.ok(theirs.length >= 1);
  for (const [i, get] of mine.entries()) assert.deepEqual(shape(get), shape(theirs[i] as Json));
  // The property file each JsonGet names is declared on that step, on one of its outputs.
  for (const def of [reference, ours]) {
    for (const get of jsonGets(def) as Obj[]) {
      const [, stepName, , fileName] = String((get.PropertyFile as Obj).Get).split('.');
      const step = byName(def, stepName as string);
      const file = (step.PropertyFiles as Obj[]).find((f) => f.PropertyFileName === fileName);
      assert.ok(file, `${stepName} declares property file ${fileName}`);
      const outputs = ((step.Arguments.ProcessingOutputConfig as Obj).Outputs as Obj[]).map((o) => o.OutputName);
      assert.ok(outputs.includes(file.OutputName as string));
    }
  }
});

test('reference: the model metrics report has the same shape', () => {
  const quality = (def: Definition) => ((allSteps(def.Steps).find((s) => s.Type === 'RegisterModel') as Step).Arguments.ModelMetrics as Obj).ModelQuality as Json;
  assert.deepEqual(shape(quality(ours)), shape(quality(reference)));
});

test('reference: non-string parameters in hyperparameters are Std:Join with On "", string ones a bare Get', () => {
  for (const [what, def] of [['reference', reference], ['flagship', ours]] as const) {
    const uses = hyperparameterUses(def);
    assert.ok(uses.some((u) => u.type !== 'String') && uses.some((u) => u.type === 'String'), `${what}: both kinds are used`);
    for (const u of uses) assert.equal(u.form, u.type === 'String' ? 'get' : 'join:""', `${what}: ${u.param} (${u.type})`);
  }
});

test('reference: script-mode hyperparameters, JSON-quoted where the SDK quotes them', () => {
  const scriptMode = (def: Definition) => {
    const train = allSteps(def.Steps).find((s) => s.Type === 'Training') as Step;
    const hp = train.Arguments.HyperParameters as Obj;
    return { train, hp, keys: Object.keys(hp).filter((k) => k.startsWith('sagemaker_')).sort() };
  };
  const theirs = scriptMode(reference);
  const mine = scriptMode(ours);
  assert.deepEqual(mine.keys, theirs.keys);
  for (const key of ['sagemaker_program', 'sagemaker_submit_directory', 'sagemaker_region']) {
    for (const { hp } of [theirs, mine]) {
      const value = hp[key];
      assert.equal(typeof value, 'string', key);
      assert.equal(typeof JSON.parse(value as string), 'string', `${key} is a JSON-quoted string: ${String(value)}`);
    }
  }
  for (const key of ['sagemaker_torch_distributed_enabled', 'sagemaker_container_log_level']) assert.equal(mine.hp[key], theirs.hp[key], key);
  assert.deepEqual(shape(mine.hp.sagemaker_instance_type as Json), shape(theirs.hp.sagemaker_instance_type as Json));
  assert.deepEqual(mine.hp.sagemaker_instance_type, (mine.train.Arguments.ResourceConfig as Obj).InstanceType);
  assert.equal(JSON.parse(mine.hp.sagemaker_region as string), 'us-east-1');
  // The submit directory is the code archive the manifest uploads.
  const submit = JSON.parse(mine.hp.sagemaker_submit_directory as string) as string;
  assert.match(submit, /\/sourcedir\.tar\.gz$/);
  assert.ok(result.manifest?.assets.some((a) => a.s3Uri === submit), 'uploaded');
});

test('reference: FrameworkProcessor-style code and entrypoint inputs', () => {
  const theirs = reference.Steps.filter(isFramework);
  assert.ok(theirs.length >= 2);
  const expected = frameworkShape(theirs[0] as Step);
  for (const step of theirs) assert.deepEqual(frameworkShape(step), expected, `reference ${step.Name}`);
  // The reference's framework steps are framework steps in the flagship too, with the same inputs.
  for (const step of theirs) assert.deepEqual(frameworkShape(byName(ours, step.Name)), expected, step.Name);
  for (const step of ours.Steps.filter(isFramework)) assert.deepEqual(frameworkShape(step), expected, step.Name);
  // And every processing input has the SDK's S3Input fields.
  const s3InputKeys = (def: Definition) => new Set(allSteps(def.Steps).flatMap((s) => ((s.Arguments.ProcessingInputs ?? []) as Obj[]).map((i) => Object.keys(i.S3Input as Obj).sort().join(','))));
  assert.deepEqual([...s3InputKeys(ours)], [...s3InputKeys(reference)]);
});

test('reference: callback steps declare typed output parameters and a queue', () => {
  const callback = (def: Definition) => allSteps(def.Steps).find((s) => s.Type === 'Callback') as Step;
  const [mine, theirs] = [callback(ours), callback(reference)];
  assert.deepEqual(shape((mine.OutputParameters as Json[])[0] as Json), shape((theirs.OutputParameters as Json[])[0] as Json));
  assert.ok(mine.SqsQueueUrl !== undefined && theirs.SqsQueueUrl !== undefined);
});
