/**
 * SageMaker Pipelines step caching: which fields of a step decide whether an earlier run is reused.
 *
 * Source: "Default cache key attributes by pipeline step type", Amazon SageMaker developer guide,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-default-keys.html (also the section
 * #pipelines-default-keys of https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-caching.html).
 * The same page says: only successful runs are reused (the run and the whole pipeline execution
 * succeeded), the most recent matching run within ExpireAfter wins, and the scope is one pipeline.
 *
 * Shared by the local runner (src/run/cache.ts) and the compile-time cache-safety checks; a step
 * type the page does not list has no documented key, and callers must say so rather than guess.
 */
import type { Json } from '../expr/types.js';

export const CACHE_KEYS_SOURCE = 'https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-default-keys.html';

/** One attribute of the key; `children` narrows it to the listed members (the page lists some). */
export interface CacheKeyAttribute {
  name: string;
  children?: readonly string[];
}

const TRAINING_JOB_DEFINITION_CHILDREN = ['AlgorithmSpecification', 'HyperParameterRanges', 'InputDataConfig', 'StaticHyperParameters', 'TuningObjective'] as const;
const CHECK_ATTRIBUTES = ['CheckJobConfig', 'SkipCheck', 'RegisterNewBaseline', 'ModelPackageGroupName', 'SuppliedBaselineConstraints'] as const;

const plain = (...names: string[]): CacheKeyAttribute[] => names.map((name) => ({ name }));

/** Keyed by the definition's step `Type`. */
export const DOCUMENTED_CACHE_KEYS: Readonly<Record<string, readonly CacheKeyAttribute[]>> = Object.freeze({
  Processing: plain('AppSpecification', 'Environment', 'ProcessingInputs'),
  Training: plain('AlgorithmSpecification', 'CheckpointConfig', 'DebugHookConfig', 'DebugRuleConfigurations', 'Environment', 'HyperParameters', 'InputDataConfig'),
  Tuning: [
    { name: 'HyperParameterTuningJobConfig' },
    { name: 'TrainingJobDefinition', children: TRAINING_JOB_DEFINITION_CHILDREN },
    { name: 'TrainingJobDefinitions' },
  ],
  AutoML: [
    { name: 'AutoMLJobConfig', children: ['CompletionCriteria', 'CandidateGenerationConfig', 'DataSplitConfig', 'Mode'] },
    ...plain('AutoMLJobObjective', 'InputDataConfig', 'ProblemType'),
  ],
  Transform: plain('DataProcessing', 'Environment', 'ModelName', 'TransformInput'),
  ClarifyCheck: plain('ClarifyCheckConfig', ...CHECK_ATTRIBUTES),
  QualityCheck: plain('QualityCheckConfig', ...CHECK_ATTRIBUTES, 'SuppliedBaselineStatistics'),
  EMR: plain('ClusterId', 'StepConfig'),
});

/** The documented key attributes of a step type, or undefined when the page does not list the type. */
export function cacheKeyAttributes(stepType: string): readonly CacheKeyAttribute[] | undefined {
  return Object.prototype.hasOwnProperty.call(DOCUMENTED_CACHE_KEYS, stepType) ? DOCUMENTED_CACHE_KEYS[stepType] : undefined;
}

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The part of a step that forms its cache key: each documented attribute present in the step's
 * Arguments (else on the step itself, where the check steps keep theirs), narrowed to the listed
 * children. Absent attributes are left out, so adding an empty optional field changes nothing.
 * Undefined for a step type without a documented key.
 */
export function cacheKeyView(stepType: string, step: { Arguments?: Json } & Record<string, unknown>): JsonObject | undefined {
  const attributes = cacheKeyAttributes(stepType);
  if (!attributes) return undefined;
  const args = isObject(step.Arguments) ? step.Arguments : {};
  const view: JsonObject = {};
  for (const attribute of attributes) {
    const value = attribute.name in args ? args[attribute.name] : (step[attribute.name] as Json | undefined);
    if (value === undefined) continue;
    view[attribute.name] = attribute.children && isObject(value) ? pick(value, attribute.children) : value;
  }
  return view;
}

function pick(value: JsonObject, children: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const child of children) if (value[child] !== undefined) out[child] = value[child] as Json;
  return out;
}
