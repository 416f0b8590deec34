import { isJsonObject, type JsonObject } from '../../expr/types.js';
import { describedPath, integerOrText, objectAt, set, textList, textMap } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/**
 * An EMRServerless step as the emr-serverless kind (src/steps/emr-serverless.ts): the role, the
 * application (an ID, or the config of a new one), the job run's driver, overrides and settings.
 */
export const emrServerlessImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const job = objectAt(args, 'JobConfig');
    const role = ctx.text(args.ExecutionRoleArn);
    if (role === undefined || !isJsonObject(job.jobDriver)) return undefined;
    const out: SpecStep = { kind: 'emr-serverless', executionRole: role };
    set(out, 'application', ctx.text(args.ApplicationId));
    if (isJsonObject(args.ApplicationConfig)) out.applicationConfig = ctx.spec(args.ApplicationConfig);
    const spark = sparkOf(job.jobDriver, ctx);
    if (spark) out.spark = spark;
    else out.jobDriver = ctx.spec(job.jobDriver);
    if (isJsonObject(job.configurationOverrides)) out.configurationOverrides = ctx.spec(job.configurationOverrides);
    set(out, 'timeoutMinutes', integerOrText(job.executionTimeoutMinutes, ctx));
    set(out, 'name', ctx.text(job.name));
    set(out, 'tags', textMap(job.tags, ctx));
    return out;
  },
  property(rest) {
    if (rest === 'jobRun.jobRunId') return 'jobRunId';
    if (rest === 'jobRun.state') return 'state';
    return describedPath('EmrServerlessGetJobRunResponse', rest);
  },
};

/** A sparkSubmit driver as `spark:`, when it holds only what that field writes. */
function sparkOf(driver: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const submit = objectAt(driver, 'sparkSubmit');
  const entryPoint = ctx.text(submit.entryPoint);
  const known = ['entryPoint', 'entryPointArguments', 'sparkSubmitParameters'];
  if (entryPoint === undefined || Object.keys(driver).length !== 1 || Object.keys(submit).some((k) => !known.includes(k))) return undefined;
  const out: SpecStep = { entryPoint };
  if (submit.entryPointArguments !== undefined) {
    const list = textList(submit.entryPointArguments, ctx);
    if (list === undefined) return undefined;
    out.args = list;
  }
  set(out, 'parameters', ctx.text(submit.sparkSubmitParameters));
  return out;
}
