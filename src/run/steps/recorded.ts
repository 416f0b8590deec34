/**
 * Steps that exist only in AWS (a Clarify or Model Monitor check, EMR, EMR Serverless, AutoML, a
 * notebook job): nothing on this machine can stand for them, so they are refused before anything
 * runs (SMP9512) unless `--step-outputs STEP=outputs.json` gives their properties, recorded from a
 * real run (DescribePipelineExecutionStep / the Describe* response, or written by hand), as
 * --callback gives a callback's. The step then succeeds with those properties over its resolved
 * Arguments, so later steps read them (and their Arguments) as on SageMaker.
 */
import { isObject, type JsonObject, type PlannedStep } from '../definition.js';
import { RunError } from '../errors.js';
import type { RunOptions } from '../options.js';
import { readAnswerFile } from './callback.js';
import type { PreflightProblem, StepContext, StepResult, StepRunner } from './types.js';

/** The properties file of a recorded step, read and checked (SMP9511). */
export function readStepOutputs(file: string, step: string): JsonObject {
  const value = readAnswerFile(file, step, '--step-outputs');
  if (!isObject(value)) throw new RunError('SMP9511', `--step-outputs for step ${step}: ${file} must hold a JSON object of the step's properties`, { step });
  return value;
}

export function recordedPreflight(step: PlannedStep, options: RunOptions, what: string, example: string): PreflightProblem[] {
  if (options.stepOutputs?.has(step.name)) return [];
  return [{
    code: 'SMP9512',
    pointer: `${step.pointer}/Type`,
    message: `step ${step.name}: ${what} runs only in AWS`,
    hint: `pass --step-outputs ${step.name}=outputs.json with its properties as a real run reported them, e.g. ${example}`,
  }];
}

export async function recordedRun(ctx: StepContext): Promise<StepResult> {
  const file = ctx.options.stepOutputs?.get(ctx.planned.name) as string;
  const recorded = readStepOutputs(file, ctx.planned.name);
  ctx.log(`smpipe: ${ctx.planned.type} steps run only in AWS; properties from ${file}\n`);
  return { properties: { ...ctx.args, ...recorded } };
}

/** A runner for a step type that only AWS runs; `generated` names the properties it reports. */
export function recordedRunner(what: string, generated: readonly string[], example: string): StepRunner {
  return {
    generated,
    preflight: (step, options) => recordedPreflight(step, options, what, example),
    run: recordedRun,
  };
}

export const qualityCheckRunner = recordedRunner('a Model Monitor quality check', ['CalculatedBaselineConstraints', 'CalculatedBaselineStatistics', 'BaselineUsedForDriftCheckConstraints', 'BaselineUsedForDriftCheckStatistics'], '{"CalculatedBaselineStatistics": "s3://…/statistics.json", "CalculatedBaselineConstraints": "s3://…/constraints.json"}');
export const clarifyCheckRunner = recordedRunner('a SageMaker Clarify check', ['CalculatedBaselineConstraints', 'BaselineUsedForDriftCheckConstraints'], '{"CalculatedBaselineConstraints": "s3://…/analysis.json"}');
export const emrRunner = recordedRunner('an EMR step', ['Id', 'Name', 'Config', 'ActionOnFailure', 'Status', 'ExecutionRoleArn'], '{"Id": "s-1ABC", "Status": {"State": "COMPLETED"}}');
export const emrServerlessRunner = recordedRunner('an EMR Serverless job run', ['jobRun'], '{"jobRun": {"jobRunId": "00f…", "state": "SUCCESS"}}');
export const autoMLRunner = recordedRunner('an Autopilot (AutoML) job', ['AutoMLJobName', 'AutoMLJobArn', 'AutoMLJobStatus', 'AutoMLJobSecondaryStatus', 'BestCandidate', 'BestCandidateProperties', 'CreationTime', 'EndTime', 'LastModifiedTime', 'FailureReason', 'PartialFailureReasons', 'ResolvedAttributes', 'ModelDeployResult'], '{"BestCandidate": {"InferenceContainers": [{"Image": "…", "ModelDataUrl": "s3://…/model.tar.gz", "Environment": {}}]}}');

/** Notebook jobs are Training steps whose container is the notebook scheduler (src/steps/notebook.ts). */
export function isNotebookJob(step: PlannedStep): boolean {
  const args = step.step.Arguments;
  const algorithm = isObject(args) ? args.AlgorithmSpecification : undefined;
  const entrypoint = isObject(algorithm) && Array.isArray(algorithm.ContainerEntrypoint) ? algorithm.ContainerEntrypoint : [];
  return entrypoint[0] === 'amazon_sagemaker_scheduler';
}

const AWS_ONLY_TYPES: ReadonlySet<string> = new Set(['ClarifyCheck', 'QualityCheck', 'EMR', 'EMRServerless', 'AutoML']);

/** Steps --step-outputs may answer. */
export function runsOnlyInAws(step: PlannedStep): boolean {
  return AWS_ONLY_TYPES.has(step.type) || (step.type === 'Training' && isNotebookJob(step));
}
