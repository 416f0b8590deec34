import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { STEP_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, list, literalBoolean, object, oneOfText, stringMap, text, unchecked, type Schema, type Static } from '../spec/schema-helpers.js';
import { containerDefinition, packageContainerSchema } from './shared/containers.js';
import { put } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';
import { keysOf, setOwn } from '../util/own.js';

const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'] as const;

/** Spec name → ModelMetrics member, and each member's report slots. */
const METRIC_GROUPS = {
  modelQuality: { api: 'ModelQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  modelDataQuality: { api: 'ModelDataQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  bias: { api: 'Bias', slots: { report: 'Report', preTrainingReport: 'PreTrainingReport', postTrainingReport: 'PostTrainingReport' } },
  explainability: { api: 'Explainability', slots: { report: 'Report' } },
} as const;

/**
 * Spec name → DriftCheckBaselines member and its slots (sagemaker.drift_check_baselines.
 * DriftCheckBaselines._to_request_dict, aws/sagemaker-python-sdk v2.257.6): what later
 * quality-check and clarify-check runs of this model compare with, usually the check steps'
 * ${steps.S.driftCheckConstraints} / ${steps.S.driftCheckStatistics}. ConfigFile slots are
 * FileSource (the Clarify monitoring analysis config), the rest MetricsSource.
 */
const DRIFT_GROUPS = {
  modelQuality: { api: 'ModelQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  modelDataQuality: { api: 'ModelDataQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  bias: { api: 'Bias', slots: { configFile: 'ConfigFile', preTrainingConstraints: 'PreTrainingConstraints', postTrainingConstraints: 'PostTrainingConstraints' } },
  explainability: { api: 'Explainability', slots: { constraints: 'Constraints', configFile: 'ConfigFile' } },
} as const;

/** Lists of InferenceSpecification, in the order the SDK writes them. */
const SUPPORTED = {
  contentTypes: 'SupportedContentTypes',
  responseTypes: 'SupportedResponseMIMETypes',
  realtimeInstanceTypes: 'SupportedRealtimeInferenceInstanceTypes',
  transformInstanceTypes: 'SupportedTransformInstanceTypes',
} as const;

const metricSource = anyOf('A JSON metrics file: its S3 URI or expression (e.g. ${steps.Evaluate.reports.evaluation}), or its settings.', [
  text('S3 URI or expression of the file; content type application/json.'),
  object('Metrics file settings.', {
    source: text('S3 URI or expression of the file.'),
    contentType: text('MIME type of the file; default application/json.'),
  }, ['source']),
]);

type GroupTable = Readonly<Record<string, { api: string; slots: Readonly<Record<string, string>> }>>;
/** `metrics:` / `driftCheckBaselines:` as their table lays them out: every group and slot optional. */
type ReportsSpec<T extends GroupTable> = { [G in keyof T]?: { [S in keyof T[G]['slots']]?: Static<typeof metricSource> } };
type MetricsSpec = ReportsSpec<typeof METRIC_GROUPS>;
type DriftSpec = ReportsSpec<typeof DRIFT_GROUPS>;

function reportsSchema<T extends GroupTable>(table: T, member: string, what: string, description: string) {
  const groups: Record<string, Schema<unknown>> = {};
  for (const [name, group] of Object.entries(table)) {
    const slots = Object.fromEntries(Object.entries(group.slots).map(([slot, api]) => [slot, { ...metricSource, description: `${api} (${member}.${group.api}.${api}).` }]));
    groups[name] = object(`${group.api} ${what}.`, slots);
  }
  // Built from the table in a loop; ReportsSpec is read from the same table.
  return unchecked<ReportsSpec<T>>(object(description, groups));
}

const fields = kindFields({
  group: text('Model package group name or ARN (ModelPackageGroupName); the group must exist.'),
  approval: anyOf('Approval status of the new version (ModelApprovalStatus); default PendingManualApproval.', [
    oneOfText('A fixed status.', APPROVAL),
    text('An expression such as ${params.ModelApprovalStatus}.', { pattern: '\\$\\{' }),
  ]),
  packageDescription: text('Description of the model version (ModelPackageDescription).', { maxLength: 1024 }),
  containers: list('Inference containers of the model version (InferenceSpecification.Containers).', packageContainerSchema, { minItems: 1 }),
  contentTypes: list('MIME types the model accepts, e.g. application/json.', text('A MIME type.')),
  responseTypes: list('MIME types the model answers with.', text('A MIME type.')),
  realtimeInstanceTypes: list('Instance types for real-time endpoints, e.g. ml.g5.12xlarge.', text('An instance type or expression.')),
  transformInstanceTypes: list('Instance types for batch transform.', text('An instance type or expression.')),
  metrics: reportsSchema(METRIC_GROUPS, 'ModelMetrics', 'reports shown with the model version in the registry', 'Model metrics reports attached to the model version (ModelMetrics).'),
  driftCheckBaselines: reportsSchema(DRIFT_GROUPS, 'DriftCheckBaselines', 'baselines later checks of this model compare with', 'Baselines for drift checks of this model version (DriftCheckBaselines): usually the check steps\' ${steps.S.driftCheckConstraints} and ${steps.S.driftCheckStatistics}; a configFile may also be a local file.'),
  customerMetadata: { ...stringMap('Free-form key-value metadata on the version (CustomerMetadataProperties): 1-50 keys.', { type: 'string', maxLength: 256 }), minProperties: 1, maxProperties: 50 },
  skipModelValidation: literalBoolean('Skip validating the inference specification (SkipModelValidation All) instead of the default None.'),
}, ['group', 'containers']);

type Spec = SpecOf<typeof fields>;

/**
 * A register-model step (Type "RegisterModel") is CreateModelPackage: a new version in a model
 * package group. The SDK drops CertifyForMarketplace ("not available in the workflow service
 * and will cause rejection", sagemaker/workflow/_utils.py); ModelPackageName applies only to
 * unversioned packages, and a package in a group is versioned. Retries: step-level exception
 * types only (no job runs); no CacheConfig (not in AWS's RegisterModelStep schema).
 */
export const registerModel = defineKind({
  kind: 'register-model',
  type: 'RegisterModel',
  description: 'Registers the model as a new version in a SageMaker Model Registry model package group (CreateModelPackage), with its inference containers, supported instance types, approval status and metrics reports.',
  fields,
  retryExceptions: STEP_EXCEPTIONS,
  supportsCache: false,
  api: {
    request: 'CreateModelPackageInput',
    omit: [],
    describe: 'DescribeModelPackageOutput',
    origins: {
      ModelPackageGroupName: 'group',
      ModelApprovalStatus: 'approval',
      ModelPackageDescription: 'packageDescription',
      InferenceSpecification: 'containers',
      'InferenceSpecification.Containers': 'containers',
      'InferenceSpecification.SupportedContentTypes': 'contentTypes',
      'InferenceSpecification.SupportedResponseMIMETypes': 'responseTypes',
      'InferenceSpecification.SupportedRealtimeInferenceInstanceTypes': 'realtimeInstanceTypes',
      'InferenceSpecification.SupportedTransformInstanceTypes': 'transformInstanceTypes',
      ModelMetrics: 'metrics',
      DriftCheckBaselines: 'driftCheckBaselines',
      CustomerMetadataProperties: 'customerMetadata',
      SkipModelValidation: 'skipModelValidation',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'modelPackageArn' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.ModelPackageArn` };
  if (head === 'properties') return describeProperty(request, 'DescribeModelPackageOutput', rest);
  return unknownProperty(request, 'register-model', ['modelPackageArn', 'properties.<Describe path>']);
}

function compile(ctx: StepContext<Spec>) {
  rejectUnsupportedArguments(ctx, ctx.at('arguments'), 'RegisterModel', {
    CertifyForMarketplace: 'SageMaker Pipelines rejects it (the SageMaker SDK drops it from RegisterModel steps)',
    ModelPackageName: 'a version in a model package group is named by the group and its version number; ModelPackageName is for unversioned packages',
  });
  const args: Record<string, Json> = {};
  args.ModelPackageGroupName = ctx.value(ctx.at('group'), 'string');
  put(args, 'ModelPackageDescription', ctx.value(ctx.at('packageDescription'), 'string'));
  put(args, 'ModelMetrics', groupedReports(ctx, ctx.at('metrics'), METRIC_GROUPS));
  args.InferenceSpecification = inferenceSpecification(ctx);
  put(args, 'ModelApprovalStatus', ctx.value(ctx.at('approval'), 'string'));
  const skip = ctx.spec.skipModelValidation;
  if (skip !== undefined) args.SkipModelValidation = skip === true ? 'All' : 'None';
  put(args, 'CustomerMetadataProperties', customerMetadata(ctx, ctx.at('customerMetadata')));
  put(args, 'DriftCheckBaselines', groupedReports(ctx, ctx.at('driftCheckBaselines'), DRIFT_GROUPS));
  return { arguments: args };
}

function inferenceSpecification(ctx: StepContext<Spec>): Json {
  const spec: Record<string, Json> = {
    Containers: ctx.at('containers').items().map((field) => {
      const container = containerDefinition(ctx, field);
      put(container, 'Framework', ctx.value(field.at('framework'), 'string'));
      put(container, 'FrameworkVersion', ctx.value(field.at('frameworkVersion'), 'string'));
      return container;
    }),
  };
  for (const field of keysOf(SUPPORTED)) {
    const items = ctx.at(field).ifSet();
    if (items) spec[SUPPORTED[field]] = items.items().map((item) => ctx.value(item, 'string'));
  }
  return spec;
}

function groupedReports<T extends GroupTable>(ctx: StepServices, field: Field<ReportsSpec<T> | MetricsSpec | DriftSpec | undefined>, table: T): Json | undefined {
  if (field.raw === undefined) return undefined;
  const out: Record<string, Json> = {};
  const groups = field as Field<Readonly<Record<string, Readonly<Record<string, Static<typeof metricSource>>>>> | undefined>;
  for (const [name, group] of Object.entries(table)) {
    const written: Field<Readonly<Record<string, Static<typeof metricSource>>> | undefined> = groups.at(name);
    const reports: Record<string, Json> = {};
    for (const [slot, api] of Object.entries(group.slots)) put(reports, api, api === 'ConfigFile' ? fileSource(ctx, written.at(slot)) : metricsSource(ctx, written.at(slot)));
    if (Object.keys(reports).length) out[group.api] = reports;
  }
  return out;
}

/** FileSource: an S3 URI or expression, or a local file uploaded as an asset. */
function fileSource(ctx: StepServices, field: Field<Static<typeof metricSource> | undefined>): Json | undefined {
  const given = field.ifSet();
  if (!given) return undefined;
  const settings = given.settings('source');
  const source = settings.at('source');
  const text = typeof source.raw === 'string' ? source.raw : '';
  const uri = text.startsWith('s3://') || text.includes('${') ? ctx.value(source, 's3uri') : ctx.addLocalInput(source, String(ctx.compileTime(source)));
  const out: Record<string, Json> = {};
  const contentType = settings.at('contentType').ifSet();
  put(out, 'ContentType', contentType ? ctx.value(contentType, 'string') : 'application/json');
  put(out, 'S3Uri', uri);
  return out;
}

function metricsSource(ctx: StepServices, field: Field<Static<typeof metricSource> | undefined>): Json | undefined {
  const given = field.ifSet();
  if (!given) return undefined;
  const settings = given.settings('source');
  const uri = ctx.value(settings.at('source'), 's3uri');
  const contentType = settings.at('contentType').ifSet();
  return { ContentType: contentType ? ctx.value(contentType, 'string') : 'application/json', S3Uri: uri };
}

function customerMetadata(ctx: StepServices, field: Field<Readonly<Record<string, string>> | undefined>): Json | undefined {
  if (field.raw === undefined) return undefined;
  const out: Record<string, Json> = {};
  for (const [key, value] of field.entries()) setOwn(out, key, ctx.value(value, 'string'));
  return out;
}
