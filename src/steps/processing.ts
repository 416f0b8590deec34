import { frameworkRunproc } from '../assets/runproc.js';
import { problem } from '../diagnostics/messages.js';
import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, list, map, object, oneOfText, scalar, text, type Static } from '../spec/schema-helpers.js';
import { compressionField, distributionField, environmentField, jobFields, jobTagsField, maxRuntimeField, s3DataTypeField, s3InputModeField } from './shared/fields.js';
import { packCode } from './shared/code.js';
import { environment, jobTags, put } from './shared/job-settings.js';
import { networkConfig, s3Input, s3Output } from './shared/processing-io.js';
import { describeProperty, namedOutput, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

const INPUT_ROOT = '/opt/ml/processing/input';
const OUTPUT_ROOT = '/opt/ml/processing/output';
const CODE_DIR = `${INPUT_ROOT}/code/`;
const ENTRYPOINT_DIR = `${INPUT_ROOT}/entrypoint`;

const inputSettings = object('Input settings.', {
  source: text('S3 URI or expression to read from.'),
  file: text('A local file (relative to this spec) uploaded as a content-addressed asset.'),
  path: text('Where the data appears in the container; default /opt/ml/processing/input/<name>.'),
  mode: s3InputModeField,
  distribution: distributionField,
  type: s3DataTypeField,
  compression: compressionField,
});

const inputSchema = anyOf('An input: an S3 URI / expression, or its settings.', [
  text('S3 URI or an expression such as ${steps.Prepare.outputs.train}; mounted at /opt/ml/processing/input/<name>.'),
  inputSettings,
]);

const outputSchema = anyOf('An output: its container path, or its settings; {} takes the defaults.', [
  text('Container path; uploaded to the per-execution default destination.'),
  object('Output settings.', {
    path: text('Container folder to upload; default /opt/ml/processing/output/<name>.'),
    destination: text('S3 URI to upload to; default <artifacts>/<execution id>/<step>/output/<name>.'),
    upload: oneOfText('Upload at the end of the job or continuously.', ['EndOfJob', 'Continuous']),
  }),
]);

const reportSchema = object('A JSON file among the outputs that later steps read with ${steps.S.reports.NAME.<json path>} (a property file).', {
  output: text('The output that holds the file.'),
  file: text('Path of the JSON file inside that output, e.g. evaluation.json.'),
}, ['output', 'file']);

const fields = kindFields({
  ...jobFields,
  entrypoint: list('Container entrypoint for a plain container (instead of code + entry).', text('One word of the command.')),
  args: list('Arguments passed to the script or container (each at most 256 characters).', scalar(['string', 'number', 'boolean'], 'One argument; expressions allowed.')),
  inputs: map('Inputs by name.', inputSchema),
  outputs: map('Outputs by name; later steps use ${steps.S.outputs.NAME}.', outputSchema),
  reports: map('JSON reports (property files) by name.', reportSchema),
  environment: environmentField,
  maxRuntime: maxRuntimeField,
  tags: jobTagsField,
}, ['image', 'instance']);

type Spec = SpecOf<typeof fields>;

export const processing = defineKind({
  kind: 'processing',
  type: 'Processing',
  description: 'A SageMaker Processing job: a script from a local code folder (packed and run like the SDK\'s FrameworkProcessor) or a plain container with its own entrypoint.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'CreateProcessingJobRequest',
    omit: ['ProcessingJobName'],
    describe: 'DescribeProcessingJobResponse',
    origins: {
      ProcessingResources: 'instance',
      'ProcessingResources.ClusterConfig.InstanceType': 'instance/type',
      'ProcessingResources.ClusterConfig.InstanceCount': 'instance/count',
      'ProcessingResources.ClusterConfig.VolumeSizeInGB': 'instance/volumeGb',
      AppSpecification: 'image',
      'AppSpecification.ContainerArguments': 'args',
      'AppSpecification.ContainerEntrypoint': 'entrypoint',
      ProcessingInputs: 'inputs',
      ProcessingOutputConfig: 'outputs',
      Environment: 'environment',
      StoppingCondition: 'maxRuntime',
      RoleArn: 'role',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'outputs') return namedOutput(request, rest, request.spec.outputs, (name) => ({ ok: true, type: 's3uri', get: outputGet(request.stepName, name) }));
  if (head === 'reports') return reportProperty(request, rest);
  if (head === 'properties') return describeProperty(request, 'DescribeProcessingJobResponse', rest);
  return unknownProperty(request, 'processing', ['outputs.<name>', 'reports.<name>', 'reports.<name>.<json path>', 'properties.<Describe path>']);
}

const outputGet = (step: string, name: string) => `Steps.${step}.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri`;

/** `reports.NAME` is the file's S3 URI; `reports.NAME.a.b` reads a JSON value from it (Std:JsonGet). */
function reportProperty(request: PropertyRequest<Spec>, rest: string): PropertyResult {
  const [name, path] = splitTail(rest);
  const reports = request.spec.reports ?? {};
  const report = Object.hasOwn(reports, name) ? reports[name] : undefined;
  if (!report) {
    const names = Object.keys(reports);
    const step = request.stepName;
    return { ok: false, problem: names.length ? problem('SMP3007.noReport', { step, name, reports: names.join(', ') }) : problem('SMP3007.noReportDeclared', { step, name }) };
  }
  if (!path) return { ok: true, type: 's3uri', join: [{ Get: outputGet(request.stepName, report.output) }, report.file] };
  return { ok: true, type: 'json', jsonGet: { propertyFile: `Steps.${request.stepName}.PropertyFiles.${name}`, path } };
}

function compile(ctx: StepContext<Spec>) {
  const args: Record<string, Json> = {};
  args.ProcessingResources = { ClusterConfig: clusterConfig(ctx) };
  const app: Record<string, Json> = {};
  put(app, 'ImageUri', ctx.image(ctx.at('image'), 'processing'));
  const codeInputs = appSpecification(ctx, app);
  args.AppSpecification = app;
  put(args, 'RoleArn', ctx.role(ctx.at('role')));
  const inputs = [...compileInputs(ctx, ctx.at('inputs')), ...codeInputs];
  if (inputs.length) args.ProcessingInputs = inputs;
  put(args, 'ProcessingOutputConfig', compileOutputs(ctx, ctx.at('outputs')));
  put(args, 'Environment', environment(ctx, ctx.at('environment')));
  put(args, 'NetworkConfig', networkConfig(ctx));
  const maxRuntime = ctx.at('maxRuntime').ifSet();
  if (maxRuntime) args.StoppingCondition = { MaxRuntimeInSeconds: ctx.value(maxRuntime, 'integer') };
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args, extras: propertyFiles(ctx) };
}

function clusterConfig(ctx: StepContext<Spec>): Json {
  const instance = ctx.at('instance');
  const config: Record<string, Json> = {
    InstanceType: ctx.value(instance.at('type'), 'string'),
    InstanceCount: ctx.value(instance.at('count'), 'integer') ?? 1,
    VolumeSizeInGB: ctx.value(instance.at('volumeGb'), 'integer') ?? 30,
  };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  return config;
}

/** Fills entrypoint/arguments; returns the code + runproc.sh inputs for code mode. */
function appSpecification(ctx: StepContext<Spec>, app: Record<string, Json>): Json[] {
  const entrypoint = ctx.at('entrypoint').ifSet();
  const args = ctx.at('args').ifSet();
  if (args) app.ContainerArguments = args.items().map((arg) => ctx.value(arg, 'string'));
  const withCode = ctx.spec.code !== undefined || ctx.spec.entry !== undefined;
  if (withCode && entrypoint) ctx.report('SMP2007.codeOrEntrypoint', entrypoint);
  if (!withCode) {
    if (entrypoint) app.ContainerEntrypoint = entrypoint.items().map((word) => ctx.value(word, 'string'));
    return [];
  }
  const packed = packCode(ctx, ctx.step);
  if (!packed) return [];
  const runproc = ctx.addGenerated(Buffer.from(frameworkRunproc(packed.script)), { name: 'runproc.sh' });
  app.ContainerEntrypoint = ['/bin/bash', `${ENTRYPOINT_DIR}/runproc.sh`];
  return [s3Input('code', packed.archive ?? '', CODE_DIR), s3Input('entrypoint', runproc ?? '', ENTRYPOINT_DIR)];
}

function compileInputs(ctx: StepServices, inputs: Field<Readonly<Record<string, Static<typeof inputSchema>>> | undefined>): Json[] {
  return inputs.entries().map(([name, written]) => {
    const input = written.settings('source');
    const { source, file } = input.raw;
    let uri: Json = '';
    if (file !== undefined && source !== undefined) ctx.report('SMP2007.sourceOrFile', written);
    else if (file !== undefined) uri = ctx.addLocalInput(input.at('file'), String(ctx.compileTime(input.at('file')))) ?? '';
    else if (source !== undefined) uri = ctx.value(input.at('source'), 's3uri') ?? '';
    else ctx.report('SMP2002.inputSource', written);
    return s3Input(name, uri, input.raw.path ?? `${INPUT_ROOT}/${name}`, input.raw);
  });
}

function compileOutputs(ctx: StepServices, outputs: Field<Readonly<Record<string, Static<typeof outputSchema>>> | undefined>): Json | undefined {
  const list = outputs.entries().map(([name, written]) => {
    const output = written.settings('path');
    const destination = output.at('destination').ifSet();
    return s3Output(name, destination ? ctx.value(destination, 's3uri') : ctx.executionUri('output', name), output.raw.path ?? `${OUTPUT_ROOT}/${name}`, output.raw.upload);
  });
  if (!list.length) return undefined;
  const config: Record<string, Json> = { Outputs: list };
  put(config, 'KmsKeyId', ctx.defaults.kms?.output);
  return config;
}

function propertyFiles(ctx: StepContext<Spec>): Record<string, Json> | undefined {
  const outputs = ctx.spec.outputs ?? {};
  const files = ctx.at('reports').entries().map(([name, report]) => {
    const { output, file } = report.raw;
    if (!Object.hasOwn(outputs, output)) ctx.report('SMP3006.reportOutput', report.at('output'), { report: name, output });
    return { PropertyFileName: name, OutputName: output, FilePath: file };
  });
  return files.length ? { PropertyFiles: files } : undefined;
}
