/** An endpoint-config step (CreateEndpointConfig): its variants' models must exist in the local registry. */
import { isObject } from '../definition.js';
import { StepFailure } from '../errors.js';
import { sagemakerArn } from '../job-common.js';
import type { StepRunner } from './types.js';

export const endpointConfigRunner: StepRunner = {
  generated: ['EndpointConfigName', 'EndpointConfigArn', 'CreationTime'],
  run: async (ctx) => {
    const name = String(ctx.args.EndpointConfigName ?? ctx.jobName);
    const variants = Array.isArray(ctx.args.ProductionVariants) ? ctx.args.ProductionVariants.filter(isObject) : [];
    const models = ctx.registry.read().models;
    for (const variant of variants) {
      if (typeof variant.ModelName === 'string' && !models[variant.ModelName]) {
        throw new StepFailure(`ValidationException: Could not find model "${variant.ModelName}" (not in ${ctx.registry.file}).`);
      }
    }
    const arn = sagemakerArn(ctx, `endpoint-config/${name.toLowerCase()}`);
    const createdAt = new Date().toISOString();
    await ctx.registry.update((data) => {
      data.endpointConfigs[name] = { arn, run: ctx.run.id, step: ctx.planned.name, createdAt, request: ctx.args };
    });
    return { properties: { ...ctx.args, EndpointConfigName: name, EndpointConfigArn: arn, CreationTime: createdAt } };
  },
};
