/**
 * A hyperparameter tuning job (CreateHyperParameterTuningJob), one training job after another on
 * this machine: each is the TrainingJobDefinition as a CreateTrainingJob request with the static
 * hyperparameters, the job's tuned values (src/run/tuning-search.ts) and _tuning_objective_metric
 * (the tuning service's own hyperparameter, which the training toolkit consumes:
 * aws/sagemaker-training-toolkit src/sagemaker_training/params.py), run as a training step runs.
 * Its objective is the last value the MetricDefinitions read from its log; a job that logs none
 * has failed for the tuning job. The best job is the completed one with the highest (Maximize) or
 * lowest (Minimize) objective, the earlier on a tie; TrainingJobSummaries lists the jobs best first,
 * as the properties a pipeline reads (TuningStep.get_top_model_s3_uri: "The best training job
 * model is at index 0"). TargetObjectiveMetricValue stops the search once a job reaches it. Jobs
 * run one at a time (MaxParallelTrainingJobs is not needed for the contract, and jobs here share
 * one machine).
 */
import { join } from 'node:path';
import { appendFileSync, mkdirSync } from 'node:fs';
import type { Json } from '../../expr/types.js';
import { isObject, type JsonObject, type PlannedStep } from '../definition.js';
import { StepFailure } from '../errors.js';
import { sagemakerArn } from '../job-common.js';
import type { RunOptions } from '../options.js';
import { planJobs, readRanges } from '../tuning-search.js';
import { runTrainingJob } from './training.js';
import type { PreflightProblem, StepContext, StepResult, StepRunner } from './types.js';

const DEFINITION_MEMBERS = ['AlgorithmSpecification', 'RoleArn', 'InputDataConfig', 'OutputDataConfig', 'ResourceConfig', 'StoppingCondition', 'VpcConfig', 'EnableNetworkIsolation', 'EnableInterContainerTrafficEncryption', 'EnableManagedSpotTraining', 'CheckpointConfig', 'Environment', 'RetryStrategy'] as const;

interface JobSummary extends JsonObject {
  TrainingJobName: string;
  TrainingJobStatus: string;
}

function objectiveOf(config: JsonObject): { name: string; maximize: boolean } {
  const objective = isObject(config.HyperParameterTuningJobObjective) ? config.HyperParameterTuningJobObjective : {};
  return { name: String(objective.MetricName ?? ''), maximize: objective.Type === 'Maximize' };
}

/** The CreateTrainingJob request of one job of the tuning job. */
function trainingRequest(definition: JsonObject, tuned: Record<string, string>, metric: string): JsonObject {
  const request: JsonObject = {};
  for (const member of DEFINITION_MEMBERS) if (definition[member] !== undefined) request[member] = definition[member] as Json;
  const algorithm = isObject(definition.AlgorithmSpecification) ? definition.AlgorithmSpecification : {};
  request.AlgorithmSpecification = { ...algorithm };
  const fixed = isObject(definition.StaticHyperParameters) ? definition.StaticHyperParameters : {};
  request.HyperParameters = { ...fixed, ...tuned, _tuning_objective_metric: metric };
  return request;
}

function metricValue(properties: JsonObject, name: string): number | undefined {
  const list = Array.isArray(properties.FinalMetricDataList) ? properties.FinalMetricDataList : [];
  const found = list.find((m) => isObject(m) && m.MetricName === name);
  return isObject(found) && typeof found.Value === 'number' ? found.Value : undefined;
}

/** Runs one job in a folder of its own under the step's; its summary, failed or not. */
async function runJob(ctx: StepContext, name: string, request: JsonObject, tuned: Record<string, string>, objective: { name: string; maximize: boolean }): Promise<JobSummary> {
  const metric = objective.name;
  const dir = join(ctx.dir, 'jobs', name);
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'log.txt');
  const started = new Date().toISOString();
  const summary: JobSummary = { TrainingJobName: name, TrainingJobArn: sagemakerArn(ctx, `training-job/${name.toLowerCase()}`), CreationTime: started, TrainingStartTime: started, TunedHyperParameters: tuned, TrainingJobStatus: 'InProgress' };
  try {
    const result = await runTrainingJob({ ...ctx, args: request, jobName: name, dir, logFile, log: (text) => appendFileSync(logFile, text) });
    const value = metricValue(result.properties, metric);
    if (value === undefined) throw new StepFailure(`the objective metric ${metric} is not in the job's log (no MetricDefinitions match)`);
    Object.assign(summary, { TrainingJobStatus: 'Completed', ObjectiveStatus: 'Succeeded', FinalHyperParameterTuningJobObjectiveMetric: { Type: objective.maximize ? 'Maximize' : 'Minimize', MetricName: metric, Value: value } });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    Object.assign(summary, { TrainingJobStatus: 'Failed', ObjectiveStatus: 'Failed', FailureReason: (error as Error).message });
  }
  summary.TrainingEndTime = new Date().toISOString();
  ctx.log(`smpipe: ${name} ${summary.TrainingJobStatus} ${JSON.stringify(tuned)}${summary.TrainingJobStatus === 'Completed' ? ` ${metric}=${String((summary.FinalHyperParameterTuningJobObjectiveMetric as JsonObject).Value)}` : `: ${String(summary.FailureReason)}`} (log: jobs/${name}/log.txt)\n`);
  return summary;
}

function valueOf(job: JobSummary): number | undefined {
  const metric = job.FinalHyperParameterTuningJobObjectiveMetric;
  return isObject(metric) && typeof metric.Value === 'number' ? metric.Value : undefined;
}

/** Best first: jobs with an objective by it (earlier on a tie), then the rest in the order they ran. */
export function rankJobs(jobs: readonly JobSummary[], maximize: boolean): JobSummary[] {
  const indexed = jobs.map((job, index) => ({ job, index, value: valueOf(job) }));
  indexed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return a.value === undefined && b.value === undefined ? a.index - b.index : a.value === undefined ? 1 : -1;
    return a.value === b.value ? a.index - b.index : maximize ? b.value - a.value : a.value - b.value;
  });
  return indexed.map((i) => i.job);
}

function reached(value: number | undefined, target: Json | undefined, maximize: boolean): boolean {
  if (value === undefined || typeof target !== 'number') return false;
  return maximize ? value >= target : value <= target;
}

async function run(ctx: StepContext): Promise<StepResult> {
  const config = (isObject(ctx.args.HyperParameterTuningJobConfig) ? ctx.args.HyperParameterTuningJobConfig : {}) as JsonObject;
  const definition = (isObject(ctx.args.TrainingJobDefinition) ? ctx.args.TrainingJobDefinition : {}) as JsonObject;
  const objective = objectiveOf(config);
  const limits = isObject(config.ResourceLimits) ? config.ResourceLimits : {};
  const target = isObject(config.TuningJobCompletionCriteria) ? config.TuningJobCompletionCriteria.TargetObjectiveMetricValue : undefined;
  const plans = planJobs(String(config.Strategy ?? 'Bayesian'), readRanges(config), Number(limits.MaxNumberOfTrainingJobs ?? 1), Number(config.RandomSeed ?? 0));
  const jobs: JobSummary[] = [];
  for (const [i, tuned] of plans.entries()) {
    const name = `${ctx.jobName.slice(0, 58)}-${String(i + 1).padStart(3, '0')}`;
    const job = await runJob(ctx, name, trainingRequest(definition, tuned, objective.name), tuned, objective);
    jobs.push(job);
    if (reached(valueOf(job), target, objective.maximize)) break;
  }
  const ranked = rankJobs(jobs, objective.maximize);
  const best = ranked[0];
  if (!best || valueOf(best) === undefined) throw new StepFailure(`AlgorithmError: no training job of the tuning job reported the objective ${objective.name}: ${jobs.map((j) => `${j.TrainingJobName}: ${String(j.FailureReason)}`).join('; ')}`);
  const count = (status: string) => jobs.filter((j) => j.TrainingJobStatus === status).length;
  return {
    properties: {
      ...ctx.args,
      HyperParameterTuningJobName: ctx.jobName,
      HyperParameterTuningJobArn: sagemakerArn(ctx, `hyper-parameter-tuning-job/${ctx.jobName.toLowerCase()}`),
      HyperParameterTuningJobStatus: 'Completed',
      BestTrainingJob: best,
      TrainingJobSummaries: ranked,
      TrainingJobStatusCounters: { Completed: count('Completed'), InProgress: 0, RetryableError: 0, NonRetryableError: count('Failed'), Stopped: 0 },
      ObjectiveStatusCounters: { Succeeded: count('Completed'), Pending: 0, Failed: count('Failed') },
    },
  };
}

function preflight(step: PlannedStep, options: RunOptions): PreflightProblem[] {
  const args = isObject(step.step.Arguments) ? step.step.Arguments : {};
  const config = isObject(args.HyperParameterTuningJobConfig) ? args.HyperParameterTuningJobConfig : {};
  const ranges = isObject(config.ParameterRanges) ? config.ParameterRanges : {};
  const problems: PreflightProblem[] = [];
  const pointer = `${step.pointer}/Arguments`;
  const numeric = ['ContinuousParameterRanges', 'IntegerParameterRanges'].some((key) => Array.isArray(ranges[key]) && ranges[key].length > 0);
  if (config.Strategy === 'Grid' && numeric) problems.push({ code: 'SMP9515', pointer: `${pointer}/HyperParameterTuningJobConfig/Strategy`, message: `step ${step.name}: a Grid search takes categorical ranges only`, hint: 'use categorical values, or another strategy' });
  if (Array.isArray(args.TrainingJobDefinitions)) problems.push({ code: 'SMP9515', pointer: `${pointer}/TrainingJobDefinitions`, message: `step ${step.name}: several training definitions are not run locally`, hint: 'tune one training definition (TrainingJobDefinition)' });
  const definition = isObject(args.TrainingJobDefinition) ? args.TrainingJobDefinition : {};
  const fixed = isObject(definition.StaticHyperParameters) ? definition.StaticHyperParameters : {};
  if (options.backend === 'process' && fixed.sagemaker_program === undefined) {
    problems.push({ code: 'SMP9515', pointer: `${pointer}/TrainingJobDefinition`, message: `step ${step.name}: its training jobs are not script mode (no sagemaker_program): the image's own train command runs them, which only --backend docker starts`, hint: 'give training.code and training.entry, or run with --backend docker' });
  }
  return problems;
}

export const tuningRunner: StepRunner = {
  generated: ['HyperParameterTuningJobName', 'HyperParameterTuningJobArn', 'HyperParameterTuningJobStatus', 'BestTrainingJob', 'TrainingJobSummaries', 'TrainingJobStatusCounters', 'ObjectiveStatusCounters', 'CreationTime', 'FailureReason'],
  preflight,
  run,
};
