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
  /**
   * The page names an SDK object (the check steps' QualityCheckConfig, ClarifyCheckConfig,
   * CheckJobConfig) that is no member of the definition: it compiles to these members
   * (`children`) of the step's Arguments, the processing request the SDK builds from it.
   */
  fromArguments?: true;
}

const TRAINING_JOB_DEFINITION_CHILDREN = ['AlgorithmSpecification', 'HyperParameterRanges', 'InputDataConfig', 'StaticHyperParameters', 'TuningObjective'] as const;
const CHECK_ATTRIBUTES = ['SkipCheck', 'RegisterNewBaseline', 'ModelPackageGroupName', 'SuppliedBaselineConstraints'] as const;

/**
 * What each SDK object of a check step becomes in its processing request
 * (sagemaker/workflow/check_job_config.py builds the monitor's job settings: role, instances,
 * volume and KMS keys, run time, environment, tags, network; the check config gives the inputs,
 * the output and the analyzer's variables: quality_check_step.py, clarify_check_step.py).
 */
const CHECK_CONFIG_MEMBERS = ['ProcessingInputs', 'ProcessingOutputConfig', 'Environment'] as const;
const CHECK_JOB_MEMBERS = ['ProcessingResources', 'AppSpecification', 'RoleArn', 'NetworkConfig', 'StoppingCondition', 'Tags'] as const;

function checkKey(config: string, ...extra: string[]): CacheKeyAttribute[] {
  return [
    { name: config, children: CHECK_CONFIG_MEMBERS, fromArguments: true },
    { name: 'CheckJobConfig', children: CHECK_JOB_MEMBERS, fromArguments: true },
    ...plain(...CHECK_ATTRIBUTES, ...extra),
  ];
}

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
  ClarifyCheck: checkKey('ClarifyCheckConfig'),
  QualityCheck: checkKey('QualityCheckConfig', 'SuppliedBaselineStatistics'),
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
    const value = attribute.fromArguments ? args : attribute.name in args ? args[attribute.name] : (step[attribute.name] as Json | undefined);
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

/** Where a path of the key view (attribute first) lies in the step's Arguments, for placing a finding. */
export function argumentsPath(stepType: string, viewPath: readonly (string | number)[]): (string | number)[] {
  const attribute = cacheKeyAttributes(stepType)?.find((a) => a.name === viewPath[0]);
  return attribute?.fromArguments ? viewPath.slice(1) : [...viewPath];
}
