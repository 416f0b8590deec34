import type { Json } from '../expr/types.js';
import { stringMap } from '../spec/schema-helpers.js';
import { containerDefinition, containerFields } from './shared/containers.js';
import { roleField } from './shared/fields.js';
import { jobTags, put, vpcConfig } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import type { PropertyRequest, PropertyResult, StepContext, StepKind } from './types.js';

/**
 * A model step (Type "Model") is CreateModel minus ModelName, which the pipeline generates per
 * execution: later steps must use ${steps.S.name} (Steps.S.ModelName), never a guessed name.
 * RetryPolicies are accepted ("Create model step" in the Pipelines retry-policy guide) but
 * only the step-level exception types: no SageMaker job runs. CacheConfig is not (AWS's
 * definition schema has none for CreateModelStep).
 */
export const model: StepKind = {
  kind: 'model',
  type: 'Model',
  description: 'Creates a SageMaker model (CreateModel) from an inference image and model artifacts, for an endpoint config or a batch transform. VPC and network isolation come from defaults.network.',
  properties: {
    ...containerFields,
    role: roleField,
    tags: stringMap('Tags on the model, added to defaults.tags.', { type: 'string' }),
  },
  required: ['image'],
  supportsRetry: true,
  supportsCache: false,
  retryExceptions: ['Step.SERVICE_FAULT', 'Step.THROTTLING'],
  api: {
    request: 'CreateModelInput',
    omit: ['ModelName'],
    describe: 'DescribeModelOutput',
    origins: {
      PrimaryContainer: 'image',
      'PrimaryContainer.Image': 'image',
      'PrimaryContainer.ModelDataUrl': 'modelData',
      'PrimaryContainer.ModelDataSource': 'modelData',
      'PrimaryContainer.Environment': 'environment',
      ExecutionRoleArn: 'role',
      Tags: 'tags',
    },
  },
  resolveProperty,
  compile,
};

function resolveProperty(request: PropertyRequest): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'name' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.ModelName` };
  if (head === 'arn' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.ModelArn` };
  if (head === 'properties') return describeProperty(request, 'DescribeModelOutput', rest);
  return unknownProperty(request, 'model', ['name', 'arn', 'properties.<Describe path>']);
}

function compile(ctx: StepContext) {
  const args: Record<string, Json> = {};
  const role = ctx.role();
  if (role === undefined) ctx.report('SMP2002', '', 'a model needs an execution role: set role here or defaults.role', { at: 'key' });
  put(args, 'ExecutionRoleArn', role);
  args.PrimaryContainer = containerDefinition(ctx, '');
  const isolation = ctx.defaults.network?.isolation;
  if (isolation !== undefined) args.EnableNetworkIsolation = isolation;
  put(args, 'VpcConfig', vpcConfig(ctx));
  put(args, 'Tags', jobTags(ctx));
  return { arguments: args };
}
