import type { Json } from '../expr/types.js';
import { stringMap, text } from '../spec/schema-helpers.js';
import { jobTags, put } from './shared/job-settings.js';
import { checkResourceName } from './shared/names.js';
import { resourceProperty } from './shared/properties.js';
import { rejectUnsupportedArguments } from './shared/unsupported.js';
import { defineKind, kindFields, type SpecOf, type StepContext } from './types.js';

const fields = kindFields({
  name: text('EndpointName: fixed across executions (each run updates the same endpoint), e.g. llama3-dpo or ${params.EndpointName}.'),
  config: text('The endpoint config (EndpointConfigName), usually ${steps.EndpointConfig.name}.'),
  tags: stringMap('Tags on the endpoint, added to defaults.tags.', { type: 'string' }),
}, ['name', 'config']);

type Spec = SpecOf<typeof fields>;

/**
 * An endpoint step (Type "Endpoint") takes CreateEndpoint's request, and the service creates the
 * endpoint or, when one of that name exists, updates it to the new config
 * (sagemaker.workflow.endpoint_step.EndpointStep: "the pipeline chooses create-vs-update based on
 * endpoint existence"). The SDK gives it cache_config but no retry_policies, and Pipelines
 * rejects DeploymentConfig in it.
 *
 * `defaults.cache` does not apply (as for endpoint-config): its config is new in every execution,
 * so a cached Endpoint step could never be reused, and a reuse under an undocumented key that
 * ignored the config would leave the endpoint serving the previous model.
 */
export const endpoint = defineKind({
  kind: 'endpoint',
  type: 'Endpoint',
  description: 'Deploys a real-time endpoint: creates it, or updates an existing endpoint of the same name to the new endpoint config (blue/green, no downtime). defaults.cache does not apply to it.',
  fields,
  retryExceptions: [],
  supportsCache: true,
  cacheFromDefaults: false,
  api: {
    request: 'CreateEndpointInput',
    omit: [],
    describe: 'DescribeEndpointOutput',
    origins: {
      EndpointName: 'name',
      EndpointConfigName: 'config',
      Tags: 'tags',
    },
  },
  resolveProperty: (request) => resourceProperty(request, 'endpoint', 'Endpoint', 'DescribeEndpointOutput'),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  rejectUnsupportedArguments(ctx, ctx.at('arguments'), 'Endpoint', {
    DeploymentConfig: 'SageMaker Pipelines rejects it in Endpoint steps (sagemaker.workflow.endpoint_step)',
  });
  const args: Record<string, Json> = {};
  const name = ctx.value(ctx.at('name'), 'string');
  checkResourceName(ctx, ctx.at('name'), name, 'endpoint name');
  args.EndpointName = name;
  args.EndpointConfigName = ctx.value(ctx.at('config'), 'string');
  put(args, 'Tags', jobTags(ctx, ctx.at('tags')));
  return { arguments: args };
}
