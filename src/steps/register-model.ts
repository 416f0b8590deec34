import type { Json } from '../expr/types.js';
import { anyOf, list, literalBoolean, object, oneOfText, stringMap, text } from '../spec/schema-helpers.js';
import { containerDefinition, packageContainerSchema } from './shared/containers.js';
import { put } from './shared/job-settings.js';
import { escapePointer, specAt } from './shared/pointer.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import type { JsonSchema, PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';
import { setOwn } from '../util/own.js';

const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'] as const;

/** Spec name → ModelMetrics member, and each member's report slots. */
const METRIC_GROUPS: Readonly<Record<string, { api: string; slots: Readonly<Record<string, string>> }>> = {
  modelQuality: { api: 'ModelQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  modelDataQuality: { api: 'ModelDataQuality', slots: { statistics: 'Statistics', constraints: 'Constraints' } },
  bias: { api: 'Bias', slots: { report: 'Report', preTrainingReport: 'PreTrainingReport', postTrainingReport: 'PostTrainingReport' } },
  explainability: { api: 'Explainability', slots: { report: 'Report' } },
};

/** Lists of InferenceSpecification, in the order the SDK writes them. */
const SUPPORTED: Readonly<Record<string, string>> = {
  contentTypes: 'SupportedContentTypes',
  responseTypes: 'SupportedResponseMIMETypes',
  realtimeInstanceTypes: 'SupportedRealtimeInferenceInstanceTypes',
  transformInstanceTypes: 'SupportedTransformInstanceTypes',
};

const metricSource = anyOf('A JSON metrics file: its S3 URI or expression (e.g. ${steps.Evaluate.reports.evaluation}), or its settings.', [
  text('S3 URI or expression of the file; content type application/json.'),
  object('Metrics file settings.', {
    source: text('S3 URI or expression of the file.'),
    contentType: text('MIME type of the file; default application/json.'),
  }, ['source']),
]);

function metricsSchema(): JsonSchema {
  const groups: Record<string, JsonSchema> = {};
  for (const [name, group] of Object.entries(METRIC_GROUPS)) {
    const slots = Object.fromEntries(Object.entries(group.slots).map(([slot, api]) => [slot, { ...metricSource, description: `${api} report (ModelMetrics.${group.api}.${api}).` }]));
    groups[name] = object(`${group.api} reports shown with the model version in the registry.`, slots);
  }
  return object('Model metrics reports attached to the model version (ModelMetrics).', groups);
}

/**
 * A register-model step (Type "RegisterModel") is CreateModelPackage: a new version in a model
 * package group. The SDK drops CertifyForMarketplace ("not available in the workflow service
 * and will cause rejection", sagemaker/workflow/_utils.py); ModelPackageName applies only to
 * unversioned packages, and a package in a group is versioned. Retries: step-level exception
 * types only (no job runs); no CacheConfig (not in AWS's RegisterModelStep schema).
 */
export const registerModel: StepKind = {
  kind: 'register-model',
  type: 'RegisterModel',
  description: 'Registers the model as a new version in a SageMaker Model Registry model package group (CreateModelPackage), with its inference containers, supported instance types, approval status and metrics reports.',
  properties: {
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
    metrics: metricsSchema(),
    customerMetadata: { ...stringMap('Free-form key-value metadata on the version (CustomerMetadataProperties): 1-50 keys.', { type: 'string', maxLength: 256 }), minProperties: 1, maxProperties: 50 },
    skipModelValidation: literalBoolean('Skip validating the inference specification (SkipModelValidation All) instead of the default None.'),
  },
  required: ['group', 'containers'],
  supportsRetry: true,
  supportsCache: false,
  retryExceptions: ['Step.SERVICE_FAULT', 'Step.THROTTLING'],
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
      CustomerMetadataProperties: 'customerMetadata',
      SkipModelValidation: 'skipModelValidation',
    },
  },
  resolveProperty,
  compile,
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'modelPackageArn' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.ModelPackageArn` };
  if (head === 'properties') return describeProperty(request, 'DescribeModelPackageOutput', rest);
  return unknownProperty(request, 'register-model', ['modelPackageArn', 'properties.<Describe path>']);
}

function compile(ctx: StepContext) {
  rejectUnsupportedArguments(ctx, 'RegisterModel', {
    CertifyForMarketplace: 'SageMaker Pipelines rejects it (the SageMaker SDK drops it from RegisterModel steps)',
    ModelPackageName: 'a version in a model package group is named by the group and its version number; ModelPackageName is for unversioned packages',
  });
  const args: Record<string, Json> = {};
  put(args, 'ModelPackageGroupName', ctx.value('group', 'string'));
  put(args, 'ModelPackageDescription', ctx.value('packageDescription', 'string'));
  put(args, 'ModelMetrics', modelMetrics(ctx));
  args.InferenceSpecification = inferenceSpecification(ctx);
  put(args, 'ModelApprovalStatus', ctx.value('approval', 'string'));
  if (ctx.spec.skipModelValidation !== undefined) args.SkipModelValidation = ctx.spec.skipModelValidation === true ? 'All' : 'None';
  put(args, 'CustomerMetadataProperties', customerMetadata(ctx));
  return { arguments: args };
}

function inferenceSpecification(ctx: StepContext): Json {
  const containers = (ctx.spec.containers as unknown[] | undefined) ?? [];
  const spec: Record<string, Json> = {
    Containers: containers.map((_, i) => {
      const container = containerDefinition(ctx, `containers/${i}/`);
      put(container, 'Framework', ctx.value(`containers/${i}/framework`, 'string'));
      put(container, 'FrameworkVersion', ctx.value(`containers/${i}/frameworkVersion`, 'string'));
      return container;
    }),
  };
  for (const [field, api] of Object.entries(SUPPORTED)) {
    const items = ctx.spec[field] as unknown[] | undefined;
    if (items) spec[api] = items.map((_, i) => ctx.value(`${field}/${i}`, 'string') ?? '');
  }
  return spec;
}

function modelMetrics(ctx: StepContext): Json | undefined {
  if (ctx.spec.metrics === undefined) return undefined;
  const metrics: Record<string, Json> = {};
  for (const [name, group] of Object.entries(METRIC_GROUPS)) {
    const reports: Record<string, Json> = {};
    for (const [slot, api] of Object.entries(group.slots)) put(reports, api, metricsSource(ctx, `metrics/${name}/${slot}`));
    if (Object.keys(reports).length) metrics[group.api] = reports;
  }
  return metrics;
}

function metricsSource(ctx: StepContext, rel: string): Json | undefined {
  const raw = specAt(ctx.spec, rel);
  if (raw === undefined) return undefined;
  const settings = typeof raw === 'string' ? undefined : (raw as { contentType?: string });
  const uri = ctx.value(settings ? `${rel}/source` : rel, 's3uri') ?? '';
  const contentType = settings?.contentType !== undefined ? ctx.value(`${rel}/contentType`, 'string') ?? '' : 'application/json';
  return { ContentType: contentType, S3Uri: uri };
}

function customerMetadata(ctx: StepContext): Json | undefined {
  const raw = ctx.spec.customerMetadata as Record<string, unknown> | undefined;
  if (!raw) return undefined;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(raw)) setOwn(out, key, ctx.value(`customerMetadata/${escapePointer(key)}`, 'string') ?? '');
  return out;
}
