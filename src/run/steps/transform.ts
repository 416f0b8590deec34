/**
 * A batch transform job (CreateTransformJob) of a script-mode model: the model a model step of this
 * pipeline recorded (its PrimaryContainer names SAGEMAKER_PROGRAM), its model data in /opt/ml/model,
 * its code from SAGEMAKER_SUBMIT_DIRECTORY, every input object under TransformInput's prefix sent
 * through the inference entry (src/run/python/transform_launcher.py, the inference toolkit's
 * model_fn / input_fn / predict_fn / output_fn), <S3OutputPath>/<key>.out for each.
 *
 * Refused before anything runs (SMP9514): a model that is not script mode (its image's own model
 * server answers /invocations, which smpipe run does not start) or is not made by this pipeline,
 * a manifest input, a filter outside the JSONPath subset the launcher evaluates.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json } from '../../expr/types.js';
import { isObject, type JsonObject, type PlannedStep } from '../definition.js';
import { StepFailure } from '../errors.js';
import { extractArchive, failureOf, hostPath, jobEnvironment, jobRoot, launch, pythonFor, requestEnvironment, sagemakerArn, sandboxFor } from '../job-common.js';
import { walk } from '../local-s3.js';
import type { RunOptions } from '../options.js';
import { ensureLocal } from '../remote-s3.js';
import type { PreflightProblem, StepContext, StepResult, StepRunner } from './types.js';

const LAUNCHER = fileURLToPath(new URL('../python/transform_launcher.py', import.meta.url));
/** $, $[i], $[i,j], $[i:j], $.key, $['a','b'] and chains of them: what the launcher evaluates. */
const FILTER = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[(-?\d+(\s*,\s*-?\d+)*|-?\d*:-?\d*|'[^']*'(\s*,\s*'[^']*')*)\])*$/;

function container(model: Json | undefined): JsonObject | undefined {
  if (!isObject(model)) return undefined;
  const primary = model.PrimaryContainer ?? (Array.isArray(model.Containers) ? model.Containers[0] : undefined);
  return isObject(primary) ? primary : undefined;
}

function program(primary: JsonObject | undefined): Json | undefined {
  return isObject(primary?.Environment) ? primary.Environment.SAGEMAKER_PROGRAM : undefined;
}

function refuse(step: PlannedStep, pointer: string, message: string, hint: string): PreflightProblem {
  return { code: 'SMP9514', pointer: `${step.pointer}/Arguments${pointer}`, message: `step ${step.name}: ${message}`, hint };
}

function preflight(step: PlannedStep, _options: RunOptions, steps: ReadonlyMap<string, PlannedStep>): PreflightProblem[] {
  const args = isObject(step.step.Arguments) ? step.step.Arguments : {};
  const problems: PreflightProblem[] = [];
  const model = isObject(args.ModelName) && typeof args.ModelName.Get === 'string' ? /^Steps\.([^.]+)\.ModelName$/.exec(args.ModelName.Get)?.[1] : undefined;
  const source = model ? steps.get(model) : undefined;
  if (!source || source.type !== 'Model') {
    problems.push(refuse(step, '/ModelName', 'the local runner transforms with a model a model step of this pipeline creates', `make the model with a model step and give model: \${steps.<it>.name}`));
  } else if (program(container(source.step.Arguments)) === undefined) {
    problems.push(refuse(step, '/ModelName', `model step ${model} is not script mode (its container has no SAGEMAKER_PROGRAM): its image's own model server would answer, which smpipe run does not start`, 'set SAGEMAKER_PROGRAM (and SAGEMAKER_SUBMIT_DIRECTORY) in the model\'s environment to an inference script with model_fn, or run the transform in AWS'));
  }
  const input = isObject(args.TransformInput) ? args.TransformInput : {};
  const dataSource = isObject(input.DataSource) && isObject(input.DataSource.S3DataSource) ? input.DataSource.S3DataSource : {};
  if (dataSource.S3DataType !== undefined && dataSource.S3DataType !== 'S3Prefix') problems.push(refuse(step, '/TransformInput/DataSource/S3DataSource/S3DataType', `a ${String(dataSource.S3DataType)} input is not read locally`, 'use an S3 prefix input'));
  const processing = isObject(args.DataProcessing) ? args.DataProcessing : {};
  for (const key of ['InputFilter', 'OutputFilter'] as const) {
    const filter = processing[key];
    if (typeof filter === 'string' && !FILTER.test(filter)) problems.push(refuse(step, `/DataProcessing/${key}`, `${key} ${filter} is outside the JSONPath subset the local runner evaluates`, "use $, $[i], $[i,j], $[i:j], $.key or $['a','b']"));
  }
  return problems;
}

/** The model's data in /opt/ml/model: a model.tar.gz extracted, or an uncompressed prefix copied. */
async function stageModel(ctx: StepContext, primary: JsonObject): Promise<void> {
  const modelDir = hostPath(ctx, '/opt/ml/model');
  mkdirSync(modelDir, { recursive: true });
  const url = primary.ModelDataUrl;
  const source = isObject(primary.ModelDataSource) && isObject(primary.ModelDataSource.S3DataSource) ? primary.ModelDataSource.S3DataSource.S3Uri : undefined;
  if (typeof url === 'string') {
    await ensureLocal(ctx.s3, url, ctx.planned.name, 'the model\'s ModelDataUrl');
    if (url.endsWith('.tar.gz')) await extractArchive(ctx.s3.pathOf(url), modelDir);
    else ctx.s3.download(url, modelDir);
  } else if (typeof source === 'string') {
    await ensureLocal(ctx.s3, source, ctx.planned.name, 'the model\'s ModelDataSource');
    ctx.s3.download(source, modelDir);
  }
}

/** SAGEMAKER_SUBMIT_DIRECTORY: an S3 code archive (extracted to /opt/ml/code), or a folder (e.g. /opt/ml/model/code). */
async function stageCode(ctx: StepContext, env: JsonObject): Promise<{ dir: string; archive?: string }> {
  const submit = typeof env.SAGEMAKER_SUBMIT_DIRECTORY === 'string' ? env.SAGEMAKER_SUBMIT_DIRECTORY : '/opt/ml/model/code';
  if (!submit.startsWith('s3://')) return { dir: submit };
  await ensureLocal(ctx.s3, submit, ctx.planned.name, 'SAGEMAKER_SUBMIT_DIRECTORY');
  await extractArchive(ctx.s3.pathOf(submit), hostPath(ctx, '/opt/ml/code'));
  return { dir: '/opt/ml/code', archive: ctx.s3.pathOf(submit) };
}

/** Every object under the input prefix, staged under /opt/ml/transform/input/<key relative to the prefix>. */
async function stageInputs(ctx: StepContext, uri: string): Promise<{ path: string; key: string }[]> {
  await ensureLocal(ctx.s3, uri, ctx.planned.name, 'TransformInput');
  const dir = hostPath(ctx, '/opt/ml/transform/input');
  const files = ctx.s3.download(uri, dir);
  if (!files.length) throw new StepFailure(`ClientError: No S3 objects found under S3 URL "${uri}" given in TransformInput.`);
  return walk(dir).map((file) => ({ path: file, key: file.slice(dir.length + 1) }));
}

async function run(ctx: StepContext): Promise<StepResult> {
  const args = ctx.args;
  const modelName = String(args.ModelName);
  const record = ctx.registry.read().models[modelName];
  const primary = container(record?.request);
  if (!primary) throw new StepFailure(`ValidationException: Could not find model "${modelName}" (not in ${ctx.registry.file}).`);
  const started = new Date().toISOString();
  const env = isObject(primary.Environment) ? primary.Environment : {};
  await stageModel(ctx, primary);
  const code = await stageCode(ctx, env);
  const input = (isObject(args.TransformInput) ? args.TransformInput : {}) as JsonObject;
  const s3Uri = String((input.DataSource as { S3DataSource?: { S3Uri?: string } } | undefined)?.S3DataSource?.S3Uri ?? '');
  const inputs = await stageInputs(ctx, s3Uri);
  const sandbox = sandboxFor(ctx);
  const asSeen = (path: string): string => (sandbox ? sandbox.mapValue(path, jobRoot(ctx)) : path);
  const output = (isObject(args.TransformOutput) ? args.TransformOutput : {}) as JsonObject;
  const processing = (isObject(args.DataProcessing) ? args.DataProcessing : {}) as JsonObject;
  const launcher = join(jobRoot(ctx), 'smpipe', 'transform_launcher.py');
  mkdirSync(dirname(launcher), { recursive: true });
  copyFileSync(LAUNCHER, launcher);
  const config = {
    modelDir: asSeen('/opt/ml/model'), codeDir: asSeen(code.dir), program: String(env.SAGEMAKER_PROGRAM),
    inputs: inputs.map((i) => ({ path: asSeen(`/opt/ml/transform/input/${i.key}`), key: i.key })),
    outputDir: asSeen('/opt/ml/transform/output'),
    contentType: String(input.ContentType ?? 'application/json'), accept: String(output.Accept ?? input.ContentType ?? 'application/json'),
    split: input.SplitType ?? 'None', strategy: args.BatchStrategy ?? 'MultiRecord', maxPayloadMb: args.MaxPayloadInMB ?? 6,
    assemble: output.AssembleWith ?? 'None', join: processing.JoinSource ?? 'None', inputFilter: processing.InputFilter ?? '$', outputFilter: processing.OutputFilter ?? '$',
  };
  writeFileSync(join(jobRoot(ctx), 'smpipe', 'transform.json'), JSON.stringify(config, null, 2));
  const python = ctx.options.backend === 'process' ? await pythonFor(ctx, code.archive) : undefined;
  const own = { ...requestEnvironment(ctx, sandbox, env), ...requestEnvironment(ctx, sandbox, args.Environment) };
  const image = String(primary.Image ?? '');
  const command = [python?.python ?? 'python3', '/opt/ml/smpipe/transform_launcher.py', '/opt/ml/smpipe/transform.json'].map((word) => asSeen(word));
  const exit = await launch(ctx, { image, command, dockerEntrypoint: ['python3'], dockerArgs: command.slice(1), env: jobEnvironment(ctx, python, own), cwd: jobRoot(ctx) }, sandbox);
  const failure = failureOf(ctx, exit);
  if (failure) throw new StepFailure(failure);
  const prefix = String(output.S3OutputPath ?? '').replace(/\/+$/, '');
  const written = ctx.s3.uploadDir(hostPath(ctx, '/opt/ml/transform/output'), prefix);
  ctx.log(`smpipe: ${written} result file${written === 1 ? '' : 's'} -> ${prefix}/\n`);
  return {
    properties: { ...args, TransformJobName: ctx.jobName, TransformJobArn: sagemakerArn(ctx, `transform-job/${ctx.jobName.toLowerCase()}`), TransformJobStatus: 'Completed', TransformStartTime: started, TransformEndTime: new Date().toISOString() },
  };
}

export const transformRunner: StepRunner = {
  generated: ['TransformJobName', 'TransformJobArn', 'TransformJobStatus', 'TransformStartTime', 'TransformEndTime', 'FailureReason', 'CreationTime'],
  preflight,
  run,
};
