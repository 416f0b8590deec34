/**
 * A training job in script mode, laid out as a SageMaker host lays it out before the training
 * toolkit starts: /opt/ml/input/config/{hyperparameters,resourceconfig,inputdataconfig}.json,
 * each channel under /opt/ml/input/data/<channel>, the code archive (sagemaker_submit_directory)
 * extracted in /opt/ml/code, checkpoints copied in from CheckpointConfig.S3Uri. The toolkit's own
 * part (hyperparameters → SM_* variables and --key value arguments, torchrun) runs inside the job's
 * interpreter: src/run/python/train_launcher.py. Afterwards /opt/ml/model becomes model.tar.gz
 * (or plain files with CompressionType NONE) under <S3OutputPath>/<job>/output/, /opt/ml/output/data
 * becomes output.tar.gz, checkpoints go back to S3 (also after a failure, so a retry resumes), and
 * MetricDefinitions are applied to the log for FinalMetricDataList.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isObject, type JsonObject } from '../definition.js';
import { StepFailure } from '../errors.js';
import { extractArchive, failureOf, hostPath, jobEnvironment, jobRoot, launch, pythonFor, requestEnvironment, sagemakerArn, sandboxFor, stageInput } from '../job-common.js';
import { ensureLocal } from '../remote-s3.js';
import type { Json } from '../../expr/types.js';
import { finalMetrics, logSince, logSize } from '../metrics.js';
import { uploadModel } from '../model-output.js';
import { isNotebookJob, recordedPreflight, recordedRun } from './recorded.js';
import type { StepContext, StepResult, StepRunner } from './types.js';

const LAUNCHER = fileURLToPath(new URL('../python/train_launcher.py', import.meta.url));

interface Channel { ChannelName?: string; ContentType?: string; InputMode?: string; RecordWrapperType?: string; DataSource?: { S3DataSource?: { S3Uri?: string; S3DistributionType?: string } } }

function decoded(value: Json | undefined): Json | undefined {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

/** inputdataconfig.json: one entry per channel, as the toolkit's read_input_data_config documents it. */
function inputDataConfig(channels: Channel[], mode: string): JsonObject {
  const out: JsonObject = {};
  for (const c of channels) {
    out[String(c.ChannelName)] = {
      ...(c.ContentType ? { ContentType: c.ContentType } : {}),
      TrainingInputMode: c.InputMode ?? mode,
      S3DistributionType: c.DataSource?.S3DataSource?.S3DistributionType ?? 'FullyReplicated',
      RecordWrapperType: c.RecordWrapperType ?? 'None',
    };
  }
  return out;
}

function writeConfig(ctx: StepContext, hyperparameters: JsonObject, channels: Channel[]): void {
  const root = jobRoot(ctx);
  for (const dir of ['input/config', 'input/data', 'model', 'output/data', 'output/intermediate', 'code']) mkdirSync(join(root, dir), { recursive: true });
  const algorithm = (isObject(ctx.args.AlgorithmSpecification) ? ctx.args.AlgorithmSpecification : {}) as { TrainingInputMode?: string };
  const resources = (isObject(ctx.args.ResourceConfig) ? ctx.args.ResourceConfig : {}) as { InstanceType?: string };
  const hps = ctx.options.backend === 'docker' && hyperparameters.sagemaker_submit_directory !== undefined
    // The container cannot reach this machine's S3: point the toolkit at the extracted code, as the
    // SageMaker Python SDK's local mode does for local code.
    ? { ...hyperparameters, sagemaker_submit_directory: JSON.stringify('/opt/ml/code') }
    : hyperparameters;
  const config = join(root, 'input', 'config');
  writeFileSync(join(config, 'hyperparameters.json'), JSON.stringify(hps));
  const group = { instance_group_name: 'homogeneousCluster', instance_type: resources.InstanceType ?? 'local', hosts: ['algo-1'] };
  writeFileSync(join(config, 'resourceconfig.json'), JSON.stringify({ current_host: 'algo-1', current_instance_type: group.instance_type, current_group_name: group.instance_group_name, hosts: ['algo-1'], instance_groups: [group], network_interface_name: 'eth0' }));
  writeFileSync(join(config, 'inputdataconfig.json'), JSON.stringify(inputDataConfig(channels, algorithm.TrainingInputMode ?? 'File')));
}

/** The code archive named by sagemaker_submit_directory, extracted into /opt/ml/code. */
async function stageCode(ctx: StepContext, hyperparameters: JsonObject): Promise<string | undefined> {
  const submit = decoded(hyperparameters.sagemaker_submit_directory);
  if (typeof submit !== 'string' || !submit.startsWith('s3://')) return undefined;
  await ensureLocal(ctx.s3, submit, ctx.planned.name, 'HyperParameters.sagemaker_submit_directory');
  const archive = ctx.s3.pathOf(submit);
  await extractArchive(archive, join(jobRoot(ctx), 'code'));
  return archive;
}

function checkpointConfig(ctx: StepContext): { uri: string; path: string } | undefined {
  const config = ctx.args.CheckpointConfig;
  if (!isObject(config) || typeof config.S3Uri !== 'string') return undefined;
  return { uri: config.S3Uri, path: typeof config.LocalPath === 'string' ? config.LocalPath : '/opt/ml/checkpoints' };
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (isNotebookJob(ctx.planned)) return recordedRun(ctx);
  return runTrainingJob(ctx);
}

/** One training job as SageMaker runs it; the tuning runner starts its jobs through this too. */
export async function runTrainingJob(ctx: StepContext): Promise<StepResult> {
  const args = ctx.args;
  const arn = sagemakerArn(ctx, `training-job/${ctx.jobName.toLowerCase()}`);
  const started = new Date().toISOString();
  const hyperparameters = (isObject(args.HyperParameters) ? args.HyperParameters : {}) as JsonObject;
  const channels = (Array.isArray(args.InputDataConfig) ? args.InputDataConfig : []) as Channel[];
  const sandbox = sandboxFor(ctx);
  if (ctx.options.backend === 'process' && hyperparameters.sagemaker_program === undefined) {
    throw new StepFailure('ClientError: no sagemaker_program hyperparameter: a training image run without script mode runs its own `train` command, which only --backend docker can start');
  }
  writeConfig(ctx, hyperparameters, channels);
  for (const c of channels) await stageInput(ctx, String(c.DataSource?.S3DataSource?.S3Uri), `/opt/ml/input/data/${c.ChannelName}`, `InputDataConfig ${c.ChannelName}`);
  const archive = await stageCode(ctx, hyperparameters);
  const checkpoints = checkpointConfig(ctx);
  if (checkpoints) {
    mkdirSync(hostPath(ctx, checkpoints.path), { recursive: true });
    if (ctx.s3.has(checkpoints.uri)) ctx.s3.download(checkpoints.uri, hostPath(ctx, checkpoints.path));
  }
  const python = ctx.options.backend === 'process' ? await pythonFor(ctx, archive) : undefined;
  const own = { ...requestEnvironment(ctx, sandbox, args.Environment), TRAINING_JOB_NAME: ctx.jobName, TRAINING_JOB_ARN: arn };
  if (sandbox?.mode === 'map') Object.assign(own, { SAGEMAKER_BASE_DIR: jobRoot(ctx) });
  const image = String((isObject(args.AlgorithmSpecification) && args.AlgorithmSpecification.TrainingImage) ?? '');
  const logStart = logSize(ctx.logFile);
  const exit = await launch(ctx, { image, command: [python?.python ?? 'python3', LAUNCHER], dockerArgs: ['train'], env: jobEnvironment(ctx, python, own), cwd: join(jobRoot(ctx), 'code') }, sandbox);
  if (checkpoints) ctx.s3.uploadDir(hostPath(ctx, checkpoints.path), checkpoints.uri);
  const metrics = finalMetrics(logSince(ctx.logFile, logStart), args.AlgorithmSpecification);
  const failure = failureOf(ctx, exit);
  if (failure) throw new StepFailure(failure);
  const artifacts = await uploadModel(ctx, `${String((args.OutputDataConfig as JsonObject | undefined)?.S3OutputPath ?? '').replace(/\/+$/, '')}/${ctx.jobName}/output`);
  return {
    properties: {
      ...args,
      TrainingJobName: ctx.jobName,
      TrainingJobArn: arn,
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      ModelArtifacts: { S3ModelArtifacts: artifacts },
      FinalMetricDataList: metrics,
      TrainingStartTime: started,
      TrainingEndTime: new Date().toISOString(),
    },
  };
}

export const trainingRunner: StepRunner = {
  // A notebook job runs the notebook scheduler, which exists only in AWS (steps/recorded.ts).
  preflight: (step, options) => (isNotebookJob(step) ? recordedPreflight(step, options, 'a notebook job', '{"TrainingJobStatus": "Completed", "OutputDataConfig": {"S3OutputPath": "s3://…"}}') : []),
  generated: ['TrainingJobName', 'TrainingJobArn', 'TrainingJobStatus', 'SecondaryStatus', 'ModelArtifacts', 'FinalMetricDataList', 'TrainingStartTime', 'TrainingEndTime', 'FailureReason', 'CreationTime', 'LastModifiedTime'],
  checkReference(step, tokens) {
    const [head, second, third] = tokens;
    if (!head || !('key' in head)) return undefined;
    if (head.key === 'ModelArtifacts') return second && 'key' in second && second.key === 'S3ModelArtifacts' && !third ? undefined : 'ModelArtifacts has only S3ModelArtifacts';
    if (head.key !== 'FinalMetricDataList' || !second) return undefined;
    const algorithm = isObject(step.step.Arguments) ? step.step.Arguments.AlgorithmSpecification : undefined;
    const names = isObject(algorithm) && Array.isArray(algorithm.MetricDefinitions) ? algorithm.MetricDefinitions.map((m) => String(isObject(m) ? m.Name : '')) : [];
    if ('key' in second && !names.includes(second.key)) return `no metric definition named "${second.key}" (MetricDefinitions: ${names.join(', ') || 'none'})`;
    if (third && !('key' in third && ['Value', 'MetricName', 'Timestamp'].includes(third.key))) return 'a metric has MetricName, Value and Timestamp';
    return undefined;
  },
  run,
};
