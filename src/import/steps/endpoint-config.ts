import { isJsonObject, type JsonObject } from '../../expr/types.js';
import { describedPath, integerOrText, set, tagsOf } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/** An EndpointConfig step as the endpoint-config kind: its name and production variants. */
export const endpointConfigImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const variants = Array.isArray(args.ProductionVariants) ? args.ProductionVariants.map((v) => variant(isJsonObject(v) ? v : {}, ctx)) : [];
    if (!variants.length || variants.some((v) => v === undefined)) return undefined;
    const out: SpecStep = { kind: 'endpoint-config', variants };
    set(out, 'name', ctx.text(args.EndpointConfigName));
    set(out, 'kmsKey', ctx.text(args.KmsKeyId));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest) {
    if (rest === 'EndpointConfigName') return 'name';
    if (rest === 'EndpointConfigArn') return 'arn';
    return describedPath('DescribeEndpointConfigOutput', rest);
  },
};

function variant(v: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const model = ctx.text(v.ModelName);
  const instanceType = ctx.text(v.InstanceType);
  if (model === undefined || instanceType === undefined) return undefined;
  const out: SpecStep = { model, instanceType };
  set(out, 'name', ctx.text(v.VariantName));
  if (v.InitialInstanceCount !== 1) set(out, 'count', integerOrText(v.InitialInstanceCount, ctx));
  if (v.InitialVariantWeight !== 1) set(out, 'weight', typeof v.InitialVariantWeight === 'number' ? v.InitialVariantWeight : ctx.text(v.InitialVariantWeight));
  set(out, 'volumeGb', integerOrText(v.VolumeSizeInGB, ctx));
  set(out, 'downloadTimeout', integerOrText(v.ModelDataDownloadTimeoutInSeconds, ctx));
  set(out, 'startupTimeout', integerOrText(v.ContainerStartupHealthCheckTimeoutInSeconds, ctx));
  return out;
}
