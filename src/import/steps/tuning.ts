import { isJsonObject, type Json, type JsonObject } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import { describedPath, integerOrText, objectAt, set, tagsOf, textList } from './shared.js';
import { decodedString, trainingImporter } from './training.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/**
 * A Tuning step as the tuning kind (src/steps/tuning.ts): the training definition read by the
 * training importer (StaticHyperParameters as its hyperparameters), the ranges, the objective and
 * the limits. The round trip puts under `arguments:` what the sugar does not write back the same.
 */
export const tuningImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const config = objectAt(args, 'HyperParameterTuningJobConfig');
    const training = trainingSugar(objectAt(args, 'TrainingJobDefinition'), ctx);
    const objective = objectAt(config, 'HyperParameterTuningJobObjective');
    const metric = ctx.text(objective.MetricName);
    const ranges = training && parameterRanges(objectAt(config, 'ParameterRanges'), training.code !== undefined);
    if (!training || !ranges || metric === undefined || typeof objective.Type !== 'string') return undefined;
    const out: SpecStep = { kind: 'tuning', training, ranges, objective: { metric, type: objective.Type } };
    if (config.Strategy !== 'Bayesian') set(out, 'strategy', config.Strategy);
    const limits = objectAt(config, 'ResourceLimits');
    if (limits.MaxNumberOfTrainingJobs !== 1) set(out, 'maxJobs', integerOrText(limits.MaxNumberOfTrainingJobs, ctx));
    if (limits.MaxParallelTrainingJobs !== 1) set(out, 'maxParallel', integerOrText(limits.MaxParallelTrainingJobs, ctx));
    set(out, 'maxRuntime', integerOrText(limits.MaxRuntimeInSeconds, ctx));
    if (config.TrainingJobEarlyStoppingType === 'Auto') out.earlyStopping = true;
    set(out, 'targetObjective', objectAt(config, 'TuningJobCompletionCriteria').TargetObjectiveMetricValue);
    set(out, 'randomSeed', integerOrText(config.RandomSeed, ctx));
    set(out, 'warmStart', warmStart(objectAt(args, 'WarmStartConfig'), ctx));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  joinProperty: topModel,
  property(rest) {
    if (rest === 'BestTrainingJob.TrainingJobName') return 'bestTrainingJob';
    if (rest === 'BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value') return 'bestObjective';
    return describedPath('DescribeHyperParameterTuningJobResponse', rest) ?? (rest.startsWith('TrainingJobSummaries') ? describedPath('ListTrainingJobsForHyperParameterTuningJobResponse', rest) : undefined);
  },
};

/**
 * The training definition as the training kind's fields: read as the Training step it is made
 * from (HyperParameters are its StaticHyperParameters; the metrics time series flag, which a
 * tuning definition has no member for, as the training kind writes it with metrics).
 */
function trainingSugar(definition: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const { StaticHyperParameters, AlgorithmSpecification, ...rest } = definition;
  const algorithm = isJsonObject(AlgorithmSpecification) ? AlgorithmSpecification : {};
  const asTraining: JsonObject = { ...rest, HyperParameters: StaticHyperParameters ?? {}, AlgorithmSpecification: Array.isArray(algorithm.MetricDefinitions) ? { ...algorithm, EnableSageMakerMetricsTimeSeries: true } : algorithm };
  const sugar = trainingImporter.sugar({ Type: 'Training', Arguments: asTraining }, ctx);
  if (!sugar) return undefined;
  const { kind: _kind, tags: _tags, ...training } = sugar;
  return training;
}

/** The three range lists as `ranges:`; undefined when one cannot be said (an expression bound, a name twice). */
function parameterRanges(ranges: JsonObject, scriptMode: boolean): SpecStep | undefined {
  const out: SpecStep = {};
  const lists: [string, Json | undefined][] = [['integer', ranges.IntegerParameterRanges], ['continuous', ranges.ContinuousParameterRanges], ['categorical', ranges.CategoricalParameterRanges]];
  for (const [type, list] of lists) {
    for (const item of Array.isArray(list) ? list : []) {
      if (!isJsonObject(item) || typeof item.Name !== 'string' || Object.hasOwn(out, item.Name)) return undefined;
      const range = rangeOf(type, item, scriptMode);
      if (!range) return undefined;
      setOwn<unknown>(out, item.Name, range);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function rangeOf(type: string, item: JsonObject, scriptMode: boolean): SpecStep | undefined {
  if (type === 'categorical') {
    if (!Array.isArray(item.Values)) return undefined;
    const values = item.Values.map((v) => (scriptMode ? decodedString(v) : typeof v === 'string' ? v : undefined));
    return values.every((v) => v !== undefined) ? { values } : undefined;
  }
  const min = numberOf(item.MinValue);
  const max = numberOf(item.MaxValue);
  if (min === undefined || max === undefined) return undefined;
  const out: SpecStep = { type, min, max };
  if (item.ScalingType !== 'Auto') set(out, 'scaling', item.ScalingType);
  return out;
}

/** A bound written as the number's own text (the kind writes String(number) back). */
function numberOf(value: Json | undefined): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value ? n : undefined;
}

function warmStart(config: JsonObject, ctx: ImportContext): SpecStep | undefined {
  const parents = Array.isArray(config.ParentHyperParameterTuningJobs) ? config.ParentHyperParameterTuningJobs.map((p) => (isJsonObject(p) ? p.HyperParameterTuningJobName : undefined)) : undefined;
  const names = parents && textList(parents.filter((p): p is Json => p !== undefined), ctx);
  if (!names || names.length !== parents?.length || typeof config.WarmStartType !== 'string') return undefined;
  return { parents: names, type: config.WarmStartType };
}

/**
 * `bestModel` or `models.K`: the join the tuning kind builds for them (src/steps/tuning.ts
 * topModel, as the SDK's get_top_model_s3_uri), from the training output as the spec says it.
 */
function topModel(join: JsonObject, step: string, spec: SpecStep): string | undefined {
  const values = Array.isArray(join.Values) ? join.Values : [];
  const job = values.at(-2);
  const k = isJsonObject(job) && typeof job.Get === 'string' ? new RegExp(`^Steps\\.${step}\\.TrainingJobSummaries\\[(\\d{1,2})\\]\\.TrainingJobName$`).exec(job.Get)?.[1] : undefined;
  if (k === undefined || Number(k) >= 50 || join.On !== '/' || values.at(-1) !== 'output/model.tar.gz') return undefined;
  const output = isJsonObject(spec.training as Json) ? (spec.training as { output?: unknown }).output : undefined;
  const literal = typeof output === 'string' && !output.includes('${') ? /^s3:\/\/([^/]+)\/*(.*?)\/*$/.exec(output) : null;
  const base: Json[] = literal ? ['s3:/', literal[1] as string, ...(literal[2] ? [literal[2]] : [])] : [{ Get: `Steps.${step}.TrainingJobDefinition.OutputDataConfig.S3OutputPath` }];
  if (JSON.stringify(values.slice(0, -2)) !== JSON.stringify(base)) return undefined;
  return k === '0' ? 'bestModel' : `models.${k}`;
}
