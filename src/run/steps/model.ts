/** A model step (CreateModel): recorded in the local registry under the name SageMaker would generate. */
import { isObject } from '../definition.js';
import { sagemakerArn } from '../job-common.js';
import { checkModelData, modelDataUris } from '../model-data.js';
import type { StepRunner } from './types.js';

export const modelRunner: StepRunner = {
  generated: ['ModelName', 'ModelArn', 'CreationTime'],
  run: async (ctx) => {
    const containers = [ctx.args.PrimaryContainer, ...(Array.isArray(ctx.args.Containers) ? ctx.args.Containers : [])].filter(isObject);
    checkModelData(ctx.s3, modelDataUris(containers), `model ${ctx.jobName}`);
    const arn = sagemakerArn(ctx, `model/${ctx.jobName.toLowerCase()}`);
    const createdAt = new Date().toISOString();
    await ctx.registry.update((data) => {
      data.models[ctx.jobName] = { arn, run: ctx.run.id, step: ctx.planned.name, createdAt, request: ctx.args };
    });
    ctx.log(`smpipe: recorded model ${ctx.jobName} in ${ctx.registry.file}\n`);
    return { properties: { ...ctx.args, ModelName: ctx.jobName, ModelArn: arn, CreationTime: createdAt } };
  },
};
