import { frameworkRunproc } from '../assets/runproc.js';
import type { Json } from '../expr/types.js';
import { anyOf, list, object, oneOfText, stringMap, text } from '../spec/schema-helpers.js';
import { codeField, compressionField, distributionField, entryField, environmentField, imageField, instanceField, maxRuntimeField, roleField, s3DataTypeField, s3InputModeField } from './shared/fields.js';
import { JOB_RETRY_EXCEPTIONS, packCode } from './shared/code.js';
import { environment, jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, namedOutput, splitTail, unknownProperty } from './shared/properties.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';

const INPUT_ROOT = '/opt/ml/processing/input';
const OUTPUT_ROOT = '/opt/ml/processing/output';
const CODE_DIR = `${INPUT_ROOT}/code/`;
const ENTRYPOINT_DIR = `${INPUT_ROOT}/entrypoint`;

interface InputSpec { source?: string; file?: string; path?: string; mode?: string; distribution?: string; type?: string; compression?: string }
interface OutputSpec { path?: string; destination?: string; upload?: string }
interface ReportSpec { output: string; file: string }

const inputSchema = anyOf('An input: an S3 URI / expression, or its settings.', [
  text('S3 URI or an expression such as ${steps.Prepare.outputs.train}; mounted at /opt/ml/processing/input/<name>.'),
  object('Input settings.', {
    source: text('S3 URI or expression to read from.'),
    file: text('A local file (relative to this spec) uploaded as a content-addressed asset.'),
    path: text('Where the data appears in the container; default /opt/ml/processing/input/<name>.'),
    mode: s3InputModeField,
    distribution: distributionField,
    type: s3DataTypeField,
    compression: compressionField,
  }),
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

export const processing: StepKind = {
  kind: 'processing',
  type: 'Processing',
  description: 'A SageMaker Processing job: a script from a local code folder (packed and run like the SDK\'s FrameworkProcessor) or a plain container with its own entrypoint.',
  properties: {
    image: imageField,
    instance: instanceField(30),
    role: roleField,
    code: codeField,
    entry: entryField,
    entrypoint: list('Container entrypoint for a plain container (instead of code + entry).', text('One word of the command.')),
    args: list('Arguments passed to the script or container (each at most 256 characters).', { type: ['string', 'number', 'boolean'], description: 'One argument; expressions allowed.' }),
    inputs: { type: 'object', description: 'Inputs by name.', additionalProperties: inputSchema },
    outputs: { type: 'object', description: 'Outputs by name; later steps use ${steps.S.outputs.NAME}.', additionalProperties: outputSchema },
    reports: { type: 'object', description: 'JSON reports (property files) by name.', additionalProperties: reportSchema },
    environment: environmentField,
    maxRuntime: maxRuntimeField,
    tags: stringMap('Tags on this job, added to defaults.tags.', { type: 'string' }),
  },
  required: ['image', 'instance'],
  supportsRetry: true,
  supportsCache: true,
  retryExceptions: JOB_RETRY_EXCEPTIONS,
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
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  const outputs = request.spec.outputs as Record<string, unknown> | undefined;
  if (head === 'outputs') return namedOutput(request, rest, outputs, (name) => ({ ok: true, type: 's3uri', get: outputGet(request.stepName, name) }));
  if (head === 'reports') return reportProperty(request, rest);
  if (head === 'properties') return describeProperty(request, 'DescribeProcessingJobResponse', rest);
  return unknownProperty(request, 'processing', ['outputs.<name>', 'reports.<name>', 'reports.<name>.<json path>', 'properties.<Describe path>']);
}

const outputGet = (step: string, name: string) => `Steps.${step}.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri`;

/** `reports.NAME` is the file's S3 URI; `reports.NAME.a.b` reads a JSON value from it (Std:JsonGet). */
function reportProperty(request: PropertyRequest, rest: string): PropertyResult {
  const [name, path] = splitTail(rest);
  const reports = (request.spec.reports as Record<string, ReportSpec> | undefined) ?? {};
  const report = Object.prototype.hasOwnProperty.call(reports, name) ? reports[name] : undefined;
  if (!report) {
    const names = Object.keys(reports);
    return { ok: false, code: 'SMP3007', message: `step "${request.stepName}" has no report "${name}"`, hint: names.length ? `reports: ${names.join(', ')}` : 'declare it under reports:' };
  }
  if (!path) return { ok: true, type: 's3uri', join: [{ Get: outputGet(request.stepName, report.output) }, report.file] };
  return { ok: true, type: 'json', jsonGet: { propertyFile: `Steps.${request.stepName}.PropertyFiles.${name}`, path } };
}

function compile(ctx: StepContext) {
  const args: Record<string, Json> = {};
  args.ProcessingResources = { ClusterConfig: clusterConfig(ctx) };
  const app: Record<string, Json> = {};
  put(app, 'ImageUri', ctx.image('image'));
  const codeInputs = appSpecification(ctx, app);
  args.AppSpecification = app;
  put(args, 'RoleArn', ctx.role());
  const inputs = [...compileInputs(ctx), ...codeInputs];
  if (inputs.length) args.ProcessingInputs = inputs;
  put(args, 'ProcessingOutputConfig', compileOutputs(ctx));
  put(args, 'Environment', environment(ctx));
  put(args, 'NetworkConfig', networkConfig(ctx));
  if (ctx.spec.maxRuntime !== undefined) args.StoppingCondition = { MaxRuntimeInSeconds: ctx.value('maxRuntime', 'integer') as Json };
  put(args, 'Tags', jobTags(ctx));
  return { arguments: args, extras: propertyFiles(ctx) };
}

function clusterConfig(ctx: StepContext): Json {
  const config: Record<string, Json> = {
    InstanceType: ctx.value('instance/type', 'string') as Json,
    InstanceCount: ctx.value('instance/count', 'integer') ?? 1,
    VolumeSizeInGB: ctx.value('instance/volumeGb', 'integer') ?? 30,
  };
  put(config, 'VolumeKmsKeyId', ctx.defaults.kms?.volume);
  return config;
}

/** Fills entrypoint/arguments; returns the code + runproc.sh inputs for code mode. */
function appSpecification(ctx: StepContext, app: Record<string, Json>): Json[] {
  const entrypoint = ctx.spec.entrypoint as string[] | undefined;
  if (ctx.spec.args !== undefined) app.ContainerArguments = (ctx.spec.args as unknown[]).map((a, i) => ctx.lower(a, `args/${i}`, 'string'));
  const withCode = ctx.spec.code !== undefined || ctx.spec.entry !== undefined;
  if (withCode && entrypoint) ctx.report('SMP2007', 'entrypoint', 'give either code + entry or entrypoint, not both');
  if (!withCode) {
    if (entrypoint) app.ContainerEntrypoint = entrypoint.map((_, i) => ctx.value(`entrypoint/${i}`, 'string') as Json);
    return [];
  }
  const packed = packCode(ctx);
  if (!packed) return [];
  const runproc = ctx.addGenerated(Buffer.from(frameworkRunproc(packed.script)), { name: 'runproc.sh' });
  app.ContainerEntrypoint = ['/bin/bash', `${ENTRYPOINT_DIR}/runproc.sh`];
  return [s3Input('code', packed.archive ?? '', CODE_DIR), s3Input('entrypoint', runproc ?? '', ENTRYPOINT_DIR)];
}

function s3Input(name: string, uri: Json, localPath: string, spec: InputSpec = {}): Json {
  return {
    InputName: name,
    AppManaged: false,
    S3Input: {
      S3Uri: uri,
      LocalPath: localPath,
      S3DataType: spec.type ?? 'S3Prefix',
      S3InputMode: spec.mode ?? 'File',
      S3DataDistributionType: spec.distribution ?? 'FullyReplicated',
      S3CompressionType: spec.compression ?? 'None',
    },
  };
}

function compileInputs(ctx: StepContext): Json[] {
  const inputs = (ctx.spec.inputs as Record<string, string | InputSpec> | undefined) ?? {};
  return Object.entries(inputs).map(([name, raw]) => {
    const spec: InputSpec = typeof raw === 'string' ? { source: raw } : raw;
    const rel = typeof raw === 'string' ? `inputs/${name}` : `inputs/${name}/source`;
    let uri: Json = '';
    if (spec.file !== undefined && spec.source !== undefined) ctx.report('SMP2007', `inputs/${name}`, 'give either source or file, not both');
    else if (spec.file !== undefined) uri = ctx.addLocalInput(`inputs/${name}/file`, String(ctx.compileTime(`inputs/${name}/file`))) ?? '';
    else if (spec.source !== undefined) uri = ctx.lower(spec.source, rel, 's3uri');
    else ctx.report('SMP2002', `inputs/${name}`, 'an input needs a source (S3 URI or expression) or a local file');
    return s3Input(name, uri, spec.path ?? `${INPUT_ROOT}/${name}`, spec);
  });
}

function compileOutputs(ctx: StepContext): Json | undefined {
  const outputs = (ctx.spec.outputs as Record<string, string | OutputSpec | null> | undefined) ?? {};
  const list = Object.entries(outputs).map(([name, raw]) => {
    const spec: OutputSpec = typeof raw === 'string' ? { path: raw } : raw ?? {};
    const destination = spec.destination !== undefined ? ctx.lower(spec.destination, `outputs/${name}/destination`, 's3uri') : ctx.executionUri('output', name);
    return {
      OutputName: name,
      AppManaged: false,
      S3Output: { S3Uri: destination, LocalPath: spec.path ?? `${OUTPUT_ROOT}/${name}`, S3UploadMode: spec.upload ?? 'EndOfJob' },
    };
  });
  if (!list.length) return undefined;
  const config: Record<string, Json> = { Outputs: list };
  put(config, 'KmsKeyId', ctx.defaults.kms?.output);
  return config;
}

function networkConfig(ctx: StepContext): Json | undefined {
  const network = ctx.defaults.network;
  const config: Record<string, Json> = {};
  if (network?.isolation !== undefined) config.EnableNetworkIsolation = network.isolation;
  if (network?.interContainerEncryption !== undefined) config.EnableInterContainerTrafficEncryption = network.interContainerEncryption;
  put(config, 'VpcConfig', vpcConfig(ctx));
  return Object.keys(config).length ? config : undefined;
}

function propertyFiles(ctx: StepContext): Record<string, Json> | undefined {
  const reports = (ctx.spec.reports as Record<string, ReportSpec> | undefined) ?? {};
  const outputs = (ctx.spec.outputs as Record<string, unknown> | undefined) ?? {};
  const files = Object.entries(reports).map(([name, report]) => {
    if (!Object.prototype.hasOwnProperty.call(outputs, report.output)) {
      ctx.report('SMP3006', `reports/${name}/output`, `report "${name}" names output "${report.output}", which this step does not declare`);
    }
    return { PropertyFileName: name, OutputName: report.output, FilePath: report.file };
  });
  return files.length ? { PropertyFiles: files } : undefined;
}
