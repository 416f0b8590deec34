/**
 * A Processing step as the processing kind (src/steps/processing.ts). A FrameworkProcessor's code
 * and runproc.sh stay what they are, inputs named `code` and `entrypoint` with their S3 URIs and the
 * container entrypoint that runs them: the archives are kept by URI, never rebuilt.
 */
import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import { describedPath, hasExactly, integerOrText, objectAt, set, tagsOf, textList, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

const INPUT_ROOT = '/opt/ml/processing/input';
const OUTPUT_ROOT = '/opt/ml/processing/output';
const S3_INPUT_KEYS = ['S3Uri', 'LocalPath', 'S3DataType', 'S3InputMode', 'S3DataDistributionType', 'S3CompressionType'];

export const processingImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const cluster = objectAt(args.ProcessingResources, 'ClusterConfig');
    const image = ctx.text(objectAt(args, 'AppSpecification').ImageUri);
    const type = ctx.text(cluster.InstanceType);
    if (image === undefined || type === undefined) return undefined;
    const out: SpecStep = { kind: 'processing', image, instance: instance(cluster, type, ctx) };
    set(out, 'role', ctx.text(args.RoleArn));
    const app = objectAt(args, 'AppSpecification');
    set(out, 'entrypoint', textList(app.ContainerEntrypoint, ctx));
    set(out, 'args', textList(app.ContainerArguments, ctx));
    set(out, 'inputs', inputs(args.ProcessingInputs, ctx));
    const outputs = outputsOf(objectAt(args, 'ProcessingOutputConfig').Outputs, ctx);
    set(out, 'outputs', outputs);
    const reports = reportsOf(step.PropertyFiles, outputs);
    if (reports === null) return undefined; // property files need their outputs declared: the raw step keeps them
    set(out, 'reports', reports);
    set(out, 'environment', textMap(args.Environment, ctx));
    const stopping = objectAt(args, 'StoppingCondition');
    if (hasExactly(stopping, ['MaxRuntimeInSeconds'])) set(out, 'maxRuntime', integerOrText(stopping.MaxRuntimeInSeconds, ctx));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest, spec) {
    const output = /^ProcessingOutputConfig\.Outputs\['([A-Za-z0-9_-]+)'\]\.S3Output\.S3Uri$/.exec(rest)?.[1];
    const declared = (spec.outputs ?? {}) as Record<string, unknown>;
    if (output !== undefined && Object.hasOwn(declared, output)) return `outputs.${output}`;
    return describedPath('DescribeProcessingJobResponse', rest);
  },
  reports: (spec) => Object.keys((spec.reports ?? {}) as Record<string, unknown>),
};

function instance(cluster: JsonObject, type: string, ctx: ImportContext): SpecStep {
  const out: SpecStep = { type };
  if (cluster.InstanceCount !== 1) set(out, 'count', integerOrText(cluster.InstanceCount, ctx));
  if (cluster.VolumeSizeInGB !== 30) set(out, 'volumeGb', integerOrText(cluster.VolumeSizeInGB, ctx));
  return out;
}

/** Inputs the kind writes exactly (AppManaged false, every S3Input member), else none: arguments: keeps the list. */
function inputs(list: Json | undefined, ctx: ImportContext): SpecStep | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: SpecStep = {};
  for (const item of list) {
    const input = isJsonObject(item) ? item : {};
    const s3 = objectAt(input, 'S3Input');
    const name = input.InputName;
    const source = ctx.text(s3.S3Uri);
    if (typeof name !== 'string' || source === undefined || Object.hasOwn(out, name)) return undefined;
    if (!hasExactly(input, ['InputName', 'AppManaged', 'S3Input']) || input.AppManaged !== false || !hasExactly(s3, S3_INPUT_KEYS)) return undefined;
    const settings: SpecStep = { source };
    if (s3.LocalPath !== `${INPUT_ROOT}/${name}`) settings.path = s3.LocalPath;
    if (s3.S3InputMode !== 'File') settings.mode = s3.S3InputMode;
    if (s3.S3DataDistributionType !== 'FullyReplicated') settings.distribution = s3.S3DataDistributionType;
    if (s3.S3DataType !== 'S3Prefix') settings.type = s3.S3DataType;
    if (s3.S3CompressionType !== 'None') settings.compression = s3.S3CompressionType;
    if ([settings.path, settings.mode, settings.distribution, settings.type, settings.compression].some((v) => v !== undefined && typeof v !== 'string')) return undefined;
    setOwn<unknown>(out, name, Object.keys(settings).length === 1 ? source : settings);
  }
  return out;
}

function outputsOf(list: Json | undefined, ctx: ImportContext): SpecStep | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: SpecStep = {};
  for (const item of list) {
    const output = isJsonObject(item) ? item : {};
    const s3 = objectAt(output, 'S3Output');
    const name = output.OutputName;
    const destination = ctx.text(s3.S3Uri);
    if (typeof name !== 'string' || destination === undefined || Object.hasOwn(out, name)) return undefined;
    if (!hasExactly(output, ['OutputName', 'AppManaged', 'S3Output']) || output.AppManaged !== false || !hasExactly(s3, ['S3Uri', 'LocalPath', 'S3UploadMode'])) return undefined;
    if (typeof s3.LocalPath !== 'string' || typeof s3.S3UploadMode !== 'string') return undefined;
    const settings: SpecStep = { destination };
    if (s3.LocalPath !== `${OUTPUT_ROOT}/${name}`) settings.path = s3.LocalPath;
    if (s3.S3UploadMode !== 'EndOfJob') settings.upload = s3.S3UploadMode;
    setOwn<unknown>(out, name, settings);
  }
  return out;
}

/** PropertyFiles as `reports:`; null when one names an output the sugar does not declare. */
function reportsOf(files: Json | undefined, outputs: SpecStep | undefined): SpecStep | undefined | null {
  if (!Array.isArray(files) || !files.length) return undefined;
  const out: SpecStep = {};
  for (const file of files) {
    if (!isJsonObject(file) || typeof file.PropertyFileName !== 'string' || typeof file.OutputName !== 'string' || typeof file.FilePath !== 'string') return null;
    if (!outputs || !Object.hasOwn(outputs, file.OutputName)) return null;
    setOwn<unknown>(out, file.PropertyFileName, { output: file.OutputName, file: file.FilePath });
  }
  return out;
}
