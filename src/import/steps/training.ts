/**
 * A Training step as the training kind (src/steps/training.ts). Script mode (sagemaker_program and
 * sagemaker_submit_directory naming a tar.gz in S3) becomes `code: s3://…/sourcedir.tar.gz` +
 * `entry:`, the archive kept by its URI. A hyperparameter becomes a YAML value only when the
 * kind's encoding (json.dumps, as the SDK) gives back the very same text; any other stays for
 * `arguments:` to carry as written.
 */
import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import { isS3Archive } from '../../steps/shared/code.js';
import { pythonJsonDumps } from '../../steps/shared/hyperparameters.js';
import { setOwn } from '../../util/own.js';
import { describedPath, hasExactly, integerOrText, objectAt, set, tagsOf, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/** The sagemaker_* entries the kind writes itself in script mode. */
const SCRIPT_MODE = ['sagemaker_program', 'sagemaker_submit_directory', 'sagemaker_container_log_level', 'sagemaker_region', 'sagemaker_torch_distributed_enabled', 'sagemaker_instance_type'];

export const trainingImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const algorithm = objectAt(args, 'AlgorithmSpecification');
    const resources = objectAt(args, 'ResourceConfig');
    const image = ctx.text(algorithm.TrainingImage);
    const type = ctx.text(resources.InstanceType);
    if (image === undefined || type === undefined) return undefined;
    const out: SpecStep = { kind: 'training', image, instance: instance(resources, type, ctx) };
    set(out, 'role', ctx.text(args.RoleArn));
    Object.assign(out, scriptMode(objectAt(args, 'HyperParameters')));
    set(out, 'hyperparameters', hyperparameters(objectAt(args, 'HyperParameters'), out.code !== undefined, ctx));
    set(out, 'channels', channels(args.InputDataConfig, ctx));
    const output = objectAt(args, 'OutputDataConfig');
    set(out, 'output', ctx.text(output.S3OutputPath));
    if (output.CompressionType === 'NONE') out.uncompressedModel = true;
    const checkpoint = objectAt(args, 'CheckpointConfig');
    if (hasExactly(checkpoint, ['S3Uri', 'LocalPath']) && checkpoint.LocalPath === '/opt/ml/checkpoints') set(out, 'checkpoints', ctx.text(checkpoint.S3Uri));
    set(out, 'metrics', metrics(algorithm));
    const runtime = objectAt(args, 'StoppingCondition').MaxRuntimeInSeconds;
    if (runtime !== 86400) set(out, 'maxRuntime', integerOrText(runtime, ctx));
    set(out, 'environment', textMap(args.Environment, ctx));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest, spec) {
    if (rest === 'ModelArtifacts.S3ModelArtifacts') return 'modelArtifacts';
    const metric = /^FinalMetricDataList\['([^'\]]+)'\]\.Value$/.exec(rest)?.[1];
    if (metric !== undefined && Object.hasOwn((spec.metrics ?? {}) as object, metric)) return `metrics.${metric}`;
    return describedPath('DescribeTrainingJobResponse', rest);
  },
};

function instance(resources: JsonObject, type: string, ctx: ImportContext): SpecStep {
  const out: SpecStep = { type };
  if (resources.InstanceCount !== 1) set(out, 'count', integerOrText(resources.InstanceCount, ctx));
  if (resources.VolumeSizeInGB !== 30) set(out, 'volumeGb', integerOrText(resources.VolumeSizeInGB, ctx));
  return out;
}

/** JSON text that decodes to a string. */
export function decodedString(value: Json | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const decoded = JSON.parse(value) as unknown;
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** code + entry (+ torchrun) from the script-mode entries, when the archive is a tar.gz in S3. */
function scriptMode(hps: JsonObject): SpecStep {
  const program = decodedString(hps.sagemaker_program);
  const archive = decodedString(hps.sagemaker_submit_directory);
  if (program === undefined || archive === undefined || !isS3Archive(archive) || program.includes('${') || archive.includes('${')) return {};
  const out: SpecStep = { code: archive, entry: program };
  if (hps.sagemaker_torch_distributed_enabled === 'true') out.distribution = 'torchrun';
  return out;
}

/** The user's hyperparameters that the kind's encoding writes back exactly. */
function hyperparameters(hps: JsonObject, script: boolean, ctx: ImportContext): SpecStep | undefined {
  const out: SpecStep = {};
  for (const [key, value] of Object.entries(hps)) {
    if (script && SCRIPT_MODE.includes(key)) continue;
    const spec = script ? scriptValue(value, ctx) : ctx.text(value);
    if (spec !== undefined) setOwn<unknown>(out, key, spec);
  }
  return Object.keys(out).length ? out : undefined;
}

function scriptValue(value: Json, ctx: ImportContext): unknown {
  if (typeof value !== 'string') return ctx.text(value);
  let decoded: Json;
  try {
    decoded = JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
  return pythonJsonDumps(decoded) === value ? ctx.spec(decoded) : undefined;
}

/** Channels the kind writes exactly; else none (arguments: keeps InputDataConfig). */
function channels(list: Json | undefined, ctx: ImportContext): SpecStep | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: SpecStep = {};
  for (const item of list) {
    const channel = isJsonObject(item) ? item : {};
    const s3 = objectAt(objectAt(channel, 'DataSource'), 'S3DataSource');
    const source = ctx.text(s3.S3Uri);
    const name = channel.ChannelName;
    if (typeof name !== 'string' || source === undefined || Object.hasOwn(out, name)) return undefined;
    if (!hasExactly(objectAt(channel, 'DataSource'), ['S3DataSource']) || !hasExactly(s3, ['S3DataType', 'S3Uri', 'S3DataDistributionType'])) return undefined;
    const extra = Object.keys(channel).filter((k) => !['ChannelName', 'DataSource', 'ContentType', 'CompressionType', 'InputMode'].includes(k));
    if (extra.length) return undefined;
    const settings: SpecStep = { source };
    const optional: [string, Json | undefined][] = [['contentType', channel.ContentType], ['compression', channel.CompressionType], ['mode', channel.InputMode]];
    for (const [field, v] of optional) if (v !== undefined) settings[field] = v;
    if (s3.S3DataType !== 'S3Prefix') settings.type = s3.S3DataType;
    if (s3.S3DataDistributionType !== 'FullyReplicated') settings.distribution = s3.S3DataDistributionType;
    if (Object.values(settings).some((v) => typeof v !== 'string')) return undefined;
    setOwn<unknown>(out, name, Object.keys(settings).length === 1 ? source : settings);
  }
  return out;
}

/** MetricDefinitions as `metrics:`, when the time series flag the kind adds with them is there too. */
function metrics(algorithm: JsonObject): SpecStep | undefined {
  const list = algorithm.MetricDefinitions;
  if (!Array.isArray(list) || !list.length || algorithm.EnableSageMakerMetricsTimeSeries !== true) return undefined;
  const out: SpecStep = {};
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.Name !== 'string' || typeof item.Regex !== 'string' || item.Regex.includes('${') || Object.hasOwn(out, item.Name)) return undefined;
    setOwn<unknown>(out, item.Name, item.Regex);
  }
  return out;
}
