import type { Reporter } from '../diagnostics/reporter.js';
import { isJsonObject, type Json } from '../expr/types.js';
import type { PipelineSpec } from '../spec/types.js';
import { joinPointer } from '../spec/pointer.js';

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
    if (typeof value === 'string' && value.length > limit) reporter.reportText('SMP5007', pointer, `${what} is ${value.length} characters; SageMaker allows ${limit}`);
  };
  // CreatePipeline gives PipelineDisplayName the PipelineName shape: no spaces.
  if (displayName !== undefined && !PIPELINE_NAME.test(displayName)) {
    reporter.reportText('SMP5007', '/displayName', `pipeline display name "${displayName}" may only hold letters, digits and single hyphens`, { hint: 'put the prose in description:' });
  }
  check('/description', spec.description, MAX_DESCRIPTION, 'description');
  for (const [name, parameter] of Object.entries(spec.parameters ?? {})) {
    check(joinPointer('/parameters', name, 'description'), parameter?.description, MAX_PARAMETER_DESCRIPTION, 'parameter description');
  }
  for (const [name, step] of Object.entries(spec.steps ?? {})) {
    check(`/steps/${name}/displayName`, step?.displayName, MAX_DISPLAY_NAME, 'display name');
    check(`/steps/${name}/description`, step?.description, MAX_DESCRIPTION, 'description');
  }
}

export function checkNames(spec: PipelineSpec, pipelineName: string, displayName: string | undefined, reporter: Reporter): void {
  checkTextLimits(spec, displayName, reporter);
  if (typeof pipelineName !== 'string') {
    // Missing or not text: the spec schema has reported it.
  } else if (!PIPELINE_NAME.test(pipelineName)) {
    reporter.reportText('SMP5002', '/pipeline', `pipeline name "${pipelineName}" may only hold letters, digits and single hyphens, starting with a letter or digit`);
  } else if (pipelineName.length > PIPELINE_NAME_PRACTICAL) {
    reporter.reportText('SMP5002', '/pipeline', `pipeline name is ${pipelineName.length} characters; keep it to ${PIPELINE_NAME_PRACTICAL} so the names SageMaker derives from it stay valid`);
  }
  for (const name of Object.keys(spec.steps ?? {})) {
    if (!STEP_NAME.test(name)) {
      reporter.reportText('SMP5001', `/steps/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, `step name "${name}" must be 1-64 letters, digits, "_" or "-"`, { at: 'key' });
    }
  }
  for (const name of Object.keys(spec.parameters ?? {})) {
    if (!PARAMETER_NAME.test(name)) {
      reporter.reportText('SMP5008', `/parameters/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, `parameter name "${name}" must start with a letter and hold letters, digits, "_" or "-"`, { at: 'key' });
    }
  }
}

/** Literal container arguments over 256 characters are rejected by CreateProcessingJob. */
export function checkContainerArguments(step: string, args: Json | undefined, reporter: Reporter): void {
  const app = isJsonObject(args) ? args.AppSpecification : undefined;
  const list = isJsonObject(app) ? app.ContainerArguments : undefined;
  (Array.isArray(list) ? list : []).forEach((arg, i) => {
    if (typeof arg === 'string' && arg.length > MAX_CONTAINER_ARGUMENT) {
      reporter.reportText('SMP5003', `/steps/${step}/args/${i}`, `argument ${i} is ${arg.length} characters; SageMaker allows ${MAX_CONTAINER_ARGUMENT}`, {
        hint: 'pass long values in a file (an input) or an environment variable',
      });
    }
  });
}
