import { isJsonObject, type Json } from '../../expr/types.js';
import { describedPath, objectAt, set, tagsOf, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/** A Model step as the model kind: PrimaryContainer's image, model data and environment, the role. */
export const modelImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const container = objectAt(args, 'PrimaryContainer');
    const image = ctx.text(container.Image);
    if (image === undefined || !isJsonObject(args.PrimaryContainer)) return undefined;
    const out: SpecStep = { kind: 'model', image, ...modelData(container, ctx) };
    set(out, 'environment', textMap(container.Environment, ctx));
    set(out, 'role', ctx.text(args.ExecutionRoleArn));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest) {
    if (rest === 'ModelName') return 'name';
    if (rest === 'ModelArn') return 'arn';
    return describedPath('DescribeModelOutput', rest);
  },
};

/** ModelDataUrl, or an uncompressed S3 prefix written as the kinds write it (src/steps/shared/containers.ts). */
export function modelData(container: Record<string, Json>, ctx: ImportContext): SpecStep {
  const url = ctx.text(container.ModelDataUrl);
  if (url !== undefined) return { modelData: url };
  const source = objectAt(container.ModelDataSource, 'S3DataSource');
  const uri = typeof source.S3Uri === 'string' ? source.S3Uri : undefined;
  const exact = Object.keys(source).length === 3 && source.S3DataType === 'S3Prefix' && source.CompressionType === 'None';
  return uri !== undefined && uri.endsWith('/') && exact ? { modelData: ctx.text(uri), uncompressed: true } : {};
}
