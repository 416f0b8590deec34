import { isJsonObject, type JsonObject } from '../../expr/types.js';
import { describedPath, hasExactly, integerOrText, literal, objectAt, set, tagsOf, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/**
 * A Transform step as the transform kind (src/steps/transform.ts): the model, the instance, the
 * input and output settings the kind writes. What it does not write the same way (a manifest
 * source with other members, a KMS key of the output) the round trip keeps under `arguments:`.
 */
export const transformImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const resources = objectAt(args, 'TransformResources');
    const model = ctx.text(args.ModelName);
    const type = ctx.text(resources.InstanceType);
    const input = transformInput(objectAt(args, 'TransformInput'), ctx);
    if (model === undefined || type === undefined || input === undefined) return undefined;
    const out: SpecStep = { kind: 'transform', model, instance: resources.InstanceCount === 1 ? { type } : { type, count: integerOrText(resources.InstanceCount, ctx) }, input };
    set(out, 'output', transformOutput(objectAt(args, 'TransformOutput'), ctx));
    set(out, 'strategy', literal(args.BatchStrategy));
    set(out, 'maxPayloadMb', integerOrText(args.MaxPayloadInMB, ctx));
    set(out, 'maxConcurrent', integerOrText(args.MaxConcurrentTransforms, ctx));
    const processing = objectAt(args, 'DataProcessing');
    set(out, 'join', literal(processing.JoinSource));
    set(out, 'inputFilter', ctx.text(processing.InputFilter));
    set(out, 'outputFilter', ctx.text(processing.OutputFilter));
    set(out, 'modelClient', modelClient(objectAt(args, 'ModelClientConfig'), ctx));
    set(out, 'environment', textMap(args.Environment, ctx));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest) {
    if (rest === 'TransformOutput.S3OutputPath') return 'output';
    return describedPath('DescribeTransformJobResponse', rest);
  },
};

/** TransformInput as `input:`: the source alone, or its settings. */
function transformInput(input: JsonObject, ctx: ImportContext): string | SpecStep | undefined {
  const s3 = objectAt(objectAt(input, 'DataSource'), 'S3DataSource');
  const source = ctx.text(s3.S3Uri);
  if (source === undefined || !hasExactly(objectAt(input, 'DataSource'), ['S3DataSource']) || !hasExactly(s3, ['S3DataType', 'S3Uri'])) return undefined;
  const settings: SpecStep = { source };
  if (s3.S3DataType !== 'S3Prefix') set(settings, 'type', literal(s3.S3DataType));
  set(settings, 'contentType', literal(input.ContentType));
  set(settings, 'split', literal(input.SplitType));
  set(settings, 'compression', literal(input.CompressionType));
  return Object.keys(settings).length === 1 ? source : settings;
}

/** TransformOutput as `output:` (its path, or its settings); undefined leaves the kind's default. */
function transformOutput(output: JsonObject, ctx: ImportContext): string | SpecStep | undefined {
  const path = ctx.text(output.S3OutputPath);
  const settings: SpecStep = {};
  set(settings, 'path', path);
  set(settings, 'accept', ctx.text(output.Accept));
  set(settings, 'assemble', literal(output.AssembleWith));
  if (Object.keys(settings).length === 0) return undefined;
  return Object.keys(settings).length === 1 && path !== undefined ? path : settings;
}

function modelClient(config: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const out: SpecStep = {};
  set(out, 'timeout', integerOrText(config.InvocationsTimeoutInSeconds, ctx));
  set(out, 'retries', integerOrText(config.InvocationsMaxRetries, ctx));
  return Object.keys(out).length ? out : undefined;
}
