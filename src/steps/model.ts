import type { Json } from '../expr/types.js';
import { stringMap } from '../spec/schema-helpers.js';
import { containerDefinition, containerFields } from './shared/containers.js';
import { roleField } from './shared/fields.js';
import { jobTags, put, vpcConfig } from './shared/job-settings.js';
import { resourceProperty } from './shared/properties.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';
import { STEP_EXCEPTIONS } from '../spec/retry-exceptions.js';

const fields = kindFields({
  ...containerFields,
  role: roleField,
  tags: stringMap('Tags on the model, added to defaults.tags.', { type: 'string' }),
}, ['image']);

type Spec = SpecOf<typeof fields>;

/**
 * A model step (Type "Model") is CreateModel minus ModelName, which the pipeline generates per
 * execution: later steps must use ${steps.S.name} (Steps.S.ModelName), never a guessed name.
 * RetryPolicies are accepted ("Create model step" in the Pipelines retry-policy guide) but
 * only the step-level exception types: no SageMaker job runs. CacheConfig is not (AWS's
 * definition schema has none for CreateModelStep).
 */
export const model = defineKind({
  kind: 'model',
  type: 'Model',
  description: 'Creates a SageMaker model (CreateModel) from an inference image and model artifacts, for an endpoint config or a batch transform. VPC and network isolation come from defaults.network.',
  fields,
  retryExceptions: STEP_EXCEPTIONS,
  supportsCache: false,
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
  resolveProperty: (request) => resourceProperty(request, 'model', 'Model', 'DescribeModelOutput'),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  const args: Record<string, Json> = {};
  const role = ctx.role(ctx.at('role'));
  if (role === undefined) ctx.report('SMP2002.modelRole', ctx.step, {}, { at: 'key' });
  put(args, 'ExecutionRoleArn', role);
  args.PrimaryContainer = containerDefinition(ctx, ctx.step);
  const isolation = ctx.defaults.network?.isolation;
  if (isolation !== undefined) args.EnableNetworkIsolation = isolation;
  put(args, 'VpcConfig', vpcConfig(ctx));
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args };
}
