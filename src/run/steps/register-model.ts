/**
 * A register-model step (CreateModelPackage): a new version in its model package group, numbered
 * 1, 2, … per group as the Model Registry does. The group is created on first use here (on AWS it
 * must exist). The model data its containers name must exist.
 */
import { isObject } from '../definition.js';
import { sagemakerArn } from '../job-common.js';
import { checkModelData, modelDataUris } from '../model-data.js';
import type { StepRunner } from './types.js';

export const registerModelRunner: StepRunner = {
  generated: ['ModelPackageArn', 'ModelPackageName', 'ModelPackageVersion', 'ModelPackageStatus', 'CreationTime'],
  run: async (ctx) => {
    const group = String(ctx.args.ModelPackageGroupName ?? '').replace(/^arn:.*:model-package-group\//, '');
    const spec = isObject(ctx.args.InferenceSpecification) ? ctx.args.InferenceSpecification : {};
    checkModelData(ctx.s3, modelDataUris(Array.isArray(spec.Containers) ? spec.Containers : []), `model package group ${group}`);
    const createdAt = new Date().toISOString();
    const { version, arn } = await ctx.registry.update((data) => {
      const versions = (data.modelPackages[group] ??= []);
      const next = versions.length + 1;
      const packageArn = sagemakerArn(ctx, `model-package/${group.toLowerCase()}/${next}`);
      versions.push({ version: next, arn: packageArn, run: ctx.run.id, step: ctx.planned.name, createdAt, request: ctx.args });
      return { version: next, arn: packageArn };
    });
    ctx.log(`smpipe: recorded ${group} version ${version} (${String(ctx.args.ModelApprovalStatus ?? 'PendingManualApproval')}) in ${ctx.registry.file}\n`);
    return {
      properties: { ...ctx.args, ModelPackageArn: arn, ModelPackageName: group, ModelPackageVersion: version, ModelPackageStatus: 'Completed', CreationTime: createdAt },
    };
  },
};
