/**
 * A processing job: inputs copied to their LocalPath, the container's entrypoint and arguments
 * run, each output's LocalPath uploaded to its S3 destination at the end (EndOfJob; Continuous
 * uploads also happen at the end here). The container also finds /opt/ml/config/
 * processingjobconfig.json and resourceconfig.json, as SageMaker writes them ("Build Your Own
 * Processing Container": https://docs.aws.amazon.com/sagemaker/latest/dg/build-your-own-processing-container.html).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type JsonObject } from '../definition.js';
import { StepFailure } from '../errors.js';
import { failureOf, hostPath, jobEnvironment, jobRoot, launch, pythonFor, requestEnvironment, sagemakerArn, sandboxFor, stageInput } from '../job-common.js';
import { walk } from '../local-s3.js';
import type { Sandbox } from '../sandbox.js';
import type { StepContext, StepResult, StepRunner } from './types.js';

interface ProcessingInput { InputName?: string; S3Input?: { S3Uri?: string; LocalPath?: string; S3DataType?: string }; DatasetDefinition?: unknown }
interface ProcessingOutput { OutputName?: string; S3Output?: { S3Uri?: string; LocalPath?: string } }

async function stageInputs(ctx: StepContext, inputs: ProcessingInput[]): Promise<void> {
  for (const [i, input] of inputs.entries()) {
    const field = `ProcessingInputs[${i}] (${input.InputName ?? '?'})`;
    if (!input.S3Input) throw new StepFailure(`ClientError: ${field}: only S3 inputs run locally (DatasetDefinition needs Athena or Redshift)`);
    const { S3Uri: uri, LocalPath: path, S3DataType: type } = input.S3Input;
    if (type === 'ManifestFile') throw new StepFailure(`ClientError: ${field}: ManifestFile inputs do not run locally; use S3Prefix`);
    if (!uri || !path?.startsWith('/opt/ml/processing/')) throw new StepFailure(`ClientError: ${field}: LocalPath must begin with /opt/ml/processing/`);
    await stageInput(ctx, uri, path, field);
  }
}

function writeConfig(ctx: StepContext, arn: string): void {
  const dir = join(jobRoot(ctx), 'config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'processingjobconfig.json'), JSON.stringify({ ...ctx.args, ProcessingJobName: ctx.jobName, ProcessingJobArn: arn }));
  const instance = isObject(ctx.args.ProcessingResources) && isObject(ctx.args.ProcessingResources.ClusterConfig) ? ctx.args.ProcessingResources.ClusterConfig.InstanceType : undefined;
  writeFileSync(join(dir, 'resourceconfig.json'), JSON.stringify({ current_host: 'algo-1', hosts: ['algo-1'], current_instance_type: instance ?? 'local' }));
}

/** The staged code archive, if a code input brought one (FrameworkProcessor's sourcedir.tar.gz). */
function codeArchive(ctx: StepContext): string | undefined {
  return walk(join(jobRoot(ctx), 'processing', 'input')).find((f) => f.endsWith('/sourcedir.tar.gz'));
}

/**
 * In map mode smpipe's own generated runproc.sh is rewritten to the step root: it is smpipe's
 * code, not the job's, and its `cd /opt/ml/processing/input/code/` must find the code.
 */
function mapGeneratedScripts(ctx: StepContext, inputs: ProcessingInput[], sandbox: Sandbox | undefined): void {
  if (sandbox?.mode !== 'map') return;
  for (const input of inputs) {
    const uri = input.S3Input?.S3Uri;
    if (!uri || !ctx.generatedAssets.has(uri) || !uri.endsWith('.sh')) continue;
    const file = join(hostPath(ctx, input.S3Input?.LocalPath as string), uri.slice(uri.lastIndexOf('/') + 1));
    if (existsSync(file)) writeFileSync(file, readFileSync(file, 'utf8').replace(/\/opt\/ml(?=[/'"\s]|$)/g, jobRoot(ctx)));
  }
}

function uploadOutputs(ctx: StepContext, outputs: ProcessingOutput[]): void {
  for (const output of outputs) {
    if (!output.S3Output?.S3Uri || !output.S3Output.LocalPath) continue;
    const count = ctx.s3.uploadDir(hostPath(ctx, output.S3Output.LocalPath), output.S3Output.S3Uri);
    ctx.log(`smpipe: output ${output.OutputName}: ${output.S3Output.LocalPath} -> ${output.S3Output.S3Uri} (${count} file${count === 1 ? '' : 's'})\n`);
  }
}

async function run(ctx: StepContext): Promise<StepResult> {
  const args = ctx.args;
  const arn = sagemakerArn(ctx, `processing-job/${ctx.jobName.toLowerCase()}`);
  const app = (isObject(args.AppSpecification) ? args.AppSpecification : {}) as { ImageUri?: string; ContainerEntrypoint?: string[]; ContainerArguments?: string[] };
  const inputs = (Array.isArray(args.ProcessingInputs) ? args.ProcessingInputs : []) as ProcessingInput[];
  const outputs = ((isObject(args.ProcessingOutputConfig) && Array.isArray(args.ProcessingOutputConfig.Outputs)) ? args.ProcessingOutputConfig.Outputs : []) as ProcessingOutput[];
  const sandbox = sandboxFor(ctx);
  const started = new Date().toISOString();
  await stageInputs(ctx, inputs);
  for (const output of outputs) if (output.S3Output?.LocalPath) mkdirSync(hostPath(ctx, output.S3Output.LocalPath), { recursive: true });
  writeConfig(ctx, arn);
  mapGeneratedScripts(ctx, inputs, sandbox);
  if (ctx.options.backend === 'process' && !app.ContainerEntrypoint?.length) {
    throw new StepFailure('ClientError: no ContainerEntrypoint: the image\'s own entrypoint runs only with --backend docker');
  }
  const python = ctx.options.backend === 'process' ? await pythonFor(ctx, codeArchive(ctx)) : undefined;
  const map = (v: string) => (sandbox ? sandbox.mapValue(v, jobRoot(ctx)) : v);
  const entry = (app.ContainerEntrypoint ?? []).map(map);
  const containerArgs = (app.ContainerArguments ?? []).map(String).map(map);
  const env = jobEnvironment(ctx, python, requestEnvironment(ctx, sandbox, args.Environment));
  const exit = await launch(ctx, {
    image: String(app.ImageUri ?? ''),
    command: [...entry, ...containerArgs],
    ...(app.ContainerEntrypoint ? { dockerEntrypoint: app.ContainerEntrypoint } : {}),
    dockerArgs: app.ContainerArguments ?? [],
    env,
    cwd: sandbox?.mode === 'map' ? jobRoot(ctx) : '/',
  }, sandbox);
  const failure = failureOf(ctx, exit);
  if (failure) throw new StepFailure(failure);
  uploadOutputs(ctx, outputs);
  const properties: JsonObject = { ...args, ProcessingJobName: ctx.jobName, ProcessingJobArn: arn, ProcessingJobStatus: 'Completed', ProcessingStartTime: started, ProcessingEndTime: new Date().toISOString() };
  return { properties };
}

export const processingRunner: StepRunner = {
  generated: ['ProcessingJobName', 'ProcessingJobArn', 'ProcessingJobStatus', 'ProcessingStartTime', 'ProcessingEndTime', 'ExitMessage', 'FailureReason', 'CreationTime', 'LastModifiedTime', 'PropertyFiles'],
  run,
};
