/**
 * A RegisterModel step as the register-model kind: group, description, approval, the inference
 * containers and their supported types, metrics reports and customer metadata. What the kind
 * writes differently (a container it cannot say, empty ModelMetrics groups) is left to arguments:.
 */
import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import { modelData } from './model.js';
import { describedPath, objectAt, set, textList, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

const SUPPORTED: Readonly<Record<string, string>> = {
  contentTypes: 'SupportedContentTypes',
  responseTypes: 'SupportedResponseMIMETypes',
  realtimeInstanceTypes: 'SupportedRealtimeInferenceInstanceTypes',
  transformInstanceTypes: 'SupportedTransformInstanceTypes',
};

const METRICS: Readonly<Record<string, readonly [string, Readonly<Record<string, string>>]>> = {
  modelQuality: ['ModelQuality', { statistics: 'Statistics', constraints: 'Constraints' }],
  modelDataQuality: ['ModelDataQuality', { statistics: 'Statistics', constraints: 'Constraints' }],
  bias: ['Bias', { report: 'Report', preTrainingReport: 'PreTrainingReport', postTrainingReport: 'PostTrainingReport' }],
  explainability: ['Explainability', { report: 'Report' }],
};

export const registerModelImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const group = ctx.text(args.ModelPackageGroupName);
    const spec = objectAt(args, 'InferenceSpecification');
    const containers = Array.isArray(spec.Containers) ? spec.Containers.map((c) => container(isJsonObject(c) ? c : {}, ctx)) : [];
    if (group === undefined || !containers.length || containers.some((c) => c === undefined)) return undefined;
    const out: SpecStep = { kind: 'register-model', group, containers };
    set(out, 'packageDescription', ctx.text(args.ModelPackageDescription));
    set(out, 'approval', ctx.text(args.ModelApprovalStatus));
    for (const [field, api] of Object.entries(SUPPORTED)) set(out, field, textList(spec[api], ctx));
    set(out, 'metrics', metrics(args.ModelMetrics, ctx));
    if (args.SkipModelValidation === 'All') out.skipModelValidation = true;
    if (args.SkipModelValidation === 'None') out.skipModelValidation = false;
    set(out, 'customerMetadata', textMap(args.CustomerMetadataProperties, ctx));
    return out;
  },
  property(rest) {
    if (rest === 'ModelPackageArn') return 'modelPackageArn';
    return describedPath('DescribeModelPackageOutput', rest);
  },
};

function container(c: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const image = ctx.text(c.Image);
  if (image === undefined) return undefined;
  const out: SpecStep = { image, ...modelData(c, ctx) };
  set(out, 'environment', textMap(c.Environment, ctx));
  set(out, 'framework', ctx.text(c.Framework));
  set(out, 'frameworkVersion', ctx.text(c.FrameworkVersion));
  return out;
}

/** ModelMetrics reports ({ContentType, S3Uri}) as `metrics:`; empty groups are left to arguments:. */
function metrics(value: Json | undefined, ctx: ImportContext): SpecStep | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: SpecStep = {};
  for (const [name, [api, slots]] of Object.entries(METRICS)) {
    const group = objectAt(value, api);
    const reports: SpecStep = {};
    for (const [slot, member] of Object.entries(slots)) {
      const report = objectAt(group, member);
      const source = ctx.text(report.S3Uri);
      if (source === undefined || Object.keys(report).some((k) => k !== 'S3Uri' && k !== 'ContentType')) continue;
      const type = ctx.text(report.ContentType);
      setOwn<unknown>(reports, slot, type === 'application/json' ? source : type === undefined ? undefined : { source, contentType: type });
    }
    const written = Object.entries(reports).filter(([, v]) => v !== undefined);
    if (written.length) setOwn<unknown>(out, name, Object.fromEntries(written));
  }
  return Object.keys(out).length ? out : undefined;
}
