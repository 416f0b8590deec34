import type { Reporter } from '../diagnostics/reporter.js';
import { isJsonObject, type Json } from '../expr/types.js';
import { joinPointer } from '../spec/pointer.js';
import type { PipelineSpec } from '../spec/types.js';

const STEP_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PIPELINE_NAME = /^[A-Za-z0-9](-*[A-Za-z0-9]){0,255}$/;
/** CreatePipeline allows 256 characters, but derived names (jobs, experiments, trials) break past 82. */
const PIPELINE_NAME_PRACTICAL = 82;
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const MAX_CONTAINER_ARGUMENT = 256;

/** Limits from the service model: StepDisplayName 256, descriptions 3072; a parameter's Description 4096 (the definition schema's ParameterDescription). */
const MAX_DISPLAY_NAME = 256;
const MAX_DESCRIPTION = 3072;
const MAX_PARAMETER_DESCRIPTION = 4096;

/** Display names and descriptions, of the pipeline and of each step. */
export function checkTextLimits(spec: PipelineSpec, displayName: string | undefined, reporter: Reporter): void {
  const check = (pointer: string, value: unknown, limit: number, what: string) => {
    if (typeof value === 'string' && value.length > limit) reporter.report('SMP5007.tooLong', pointer, { what, length: value.length, limit });
  };
  // CreatePipeline gives PipelineDisplayName the PipelineName shape: no spaces.
  if (displayName !== undefined && !PIPELINE_NAME.test(displayName)) {
    reporter.report('SMP5007.pipelineDisplayName', '/displayName', { displayName });
  }
  check('/description', spec.description, MAX_DESCRIPTION, 'description');
  for (const [name, parameter] of Object.entries(spec.parameters ?? {})) {
    check(joinPointer('/parameters', name, 'description'), parameter?.description, MAX_PARAMETER_DESCRIPTION, 'parameter description');
  }
  for (const [name, step] of Object.entries(spec.steps ?? {})) {
    check(joinPointer('/steps', name, 'displayName'), step?.displayName, MAX_DISPLAY_NAME, 'display name');
    check(joinPointer('/steps', name, 'description'), step?.description, MAX_DESCRIPTION, 'description');
  }
}

export function checkNames(spec: PipelineSpec, pipelineName: string, displayName: string | undefined, reporter: Reporter): void {
  checkTextLimits(spec, displayName, reporter);
  if (typeof pipelineName !== 'string') {
    // Missing or not text: the spec schema has reported it.
  } else if (!PIPELINE_NAME.test(pipelineName)) {
    reporter.report('SMP5002.pipelineName', '/pipeline', { name: pipelineName });
  } else if (pipelineName.length > PIPELINE_NAME_PRACTICAL) {
    reporter.report('SMP5002.pipelineNameLength', '/pipeline', { length: pipelineName.length, limit: PIPELINE_NAME_PRACTICAL });
  }
  for (const name of Object.keys(spec.steps ?? {})) {
    if (!STEP_NAME.test(name)) reporter.report('SMP5001.stepName', joinPointer('/steps', name), { name }, { at: 'key' });
  }
  for (const name of Object.keys(spec.parameters ?? {})) {
    if (!PARAMETER_NAME.test(name)) reporter.report('SMP5008.parameterName', joinPointer('/parameters', name), { name }, { at: 'key' });
  }
}

/** Literal container arguments over 256 characters are rejected by CreateProcessingJob. */
export function checkContainerArguments(step: string, args: Json | undefined, reporter: Reporter): void {
  const app = isJsonObject(args) ? args.AppSpecification : undefined;
  const list = isJsonObject(app) ? app.ContainerArguments : undefined;
  (Array.isArray(list) ? list : []).forEach((arg, i) => {
    if (typeof arg === 'string' && arg.length > MAX_CONTAINER_ARGUMENT) {
      reporter.report('SMP5003.argumentLength', joinPointer('/steps', step, 'args', i), { index: i, length: arg.length, limit: MAX_CONTAINER_ARGUMENT });
    }
  });
}
