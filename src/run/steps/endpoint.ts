/**
 * An endpoint step (CreateEndpoint, or UpdateEndpoint when the name exists): recorded, not served.
 * Its config and the config's models must exist in the local registry, and their model data in
 * the local S3: what would make the endpoint fail to start on AWS fails the step here.
 */
import { isObject } from '../definition.js';
import { StepFailure } from '../errors.js';
import { sagemakerArn } from '../job-common.js';
import { checkModelData, modelDataUris } from '../model-data.js';
import type { StepRunner } from './types.js';

export const endpointRunner: StepRunner = {
  generated: ['EndpointName', 'EndpointArn', 'EndpointStatus', 'CreationTime'],
  run: async (ctx) => {
    const name = String(ctx.args.EndpointName ?? '');
    const configName = String(ctx.args.EndpointConfigName ?? '');
    const data = ctx.registry.read();
    const config = data.endpointConfigs[configName];
    if (!config) throw new StepFailure(`ValidationException: Could not find endpoint configuration "${configName}" (not in ${ctx.registry.file}).`);
    const variants = Array.isArray(config.request.ProductionVariants) ? config.request.ProductionVariants.filter(isObject) : [];
    for (const variant of variants) {
      const model = data.models[String(variant.ModelName)];
      if (!model) continue;
      const containers = [model.request.PrimaryContainer, ...(Array.isArray(model.request.Containers) ? model.request.Containers : [])].filter(isObject);
      checkModelData(ctx.s3, modelDataUris(containers), `endpoint ${name}, model ${String(variant.ModelName)}`);
    }
    const arn = sagemakerArn(ctx, `endpoint/${name.toLowerCase()}`);
    const createdAt = new Date().toISOString();
    await ctx.registry.update((d) => {
      d.endpoints[name] = { arn, run: ctx.run.id, step: ctx.planned.name, createdAt, request: ctx.args, status: 'recorded locally (not served)' };
    });
    ctx.log(`smpipe: recorded endpoint ${name} (config ${configName}) in ${ctx.registry.file}; nothing is served locally\n`);
    return { properties: { ...ctx.args, EndpointArn: arn, EndpointStatus: 'InService', CreationTime: createdAt } };
  },
};
