/**
 * The cache key of any cacheable step: the documented attributes (cache-keys.ts) where SageMaker
 * lists them, and a conservative stand-in where it does not.
 *
 * The developer guide's key table (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-default-keys.html)
 * lists Processing, Training, Tuning, AutoML, Transform, ClarifyCheck, QualityCheck and EMR. Five
 * more step types take a CacheConfig without a documented key:
 * - Callback and Lambda: the SDK's CallbackStep and LambdaStep accept `cache_config` and send the
 *   step's inputs as its Arguments (aws/sagemaker-python-sdk, src/sagemaker/workflow/callback_step.py
 *   and lambda_step.py, `cache_config: CacheConfig = None`).
 * - EndpointConfig and Endpoint: "EndpointConfigStep and EndpointStep are structurally cacheable via
 *   cache_config" (aws/sagemaker-python-sdk #6153, src/sagemaker/workflow/endpoint_step.py), their
 *   Arguments forwarded "to the pipeline service verbatim".
 * - EMRServerless: the SDK's EMRServerlessStep takes `cache_config` (sagemaker-mlops
 *   workflow/emr_serverless_step.py); the step type is newer than the key table.
 * Nothing says which of their fields the service compares, so smpipe takes the whole Arguments:
 * a value that changes per execution anywhere in them is assumed to defeat the cache. That can
 * only over-warn, never miss a step that is never reused.
 */
import type { Json } from '../expr/types.js';
import { cacheKeyView } from './cache-keys.js';

export const UNDOCUMENTED_KEY_TYPES: readonly string[] = ['Callback', 'Lambda', 'EndpointConfig', 'Endpoint', 'EMRServerless'];

type JsonObject = { [key: string]: Json };

export interface StepCacheKey {
  /** The key's fields, each under its attribute name (for undocumented types: the Arguments' members). */
  view: JsonObject;
  /** false: the type has no documented key and the whole Arguments stand in for it. */
  documented: boolean;
}

/** The cache key of a step of this type, or undefined when the type cannot be cached. */
export function stepCacheKey(stepType: string, step: { Arguments?: Json } & Record<string, unknown>): StepCacheKey | undefined {
  const documented = cacheKeyView(stepType, step);
  if (documented) return { view: documented, documented: true };
  if (!UNDOCUMENTED_KEY_TYPES.includes(stepType)) return undefined;
  const args = step.Arguments;
  const view = args !== null && typeof args === 'object' && !Array.isArray(args) ? { ...(args as JsonObject) } : {};
  return { view, documented: false };
}

/** Whether the step asks to be cached (CacheConfig.Enabled). */
export function isCached(step: Record<string, unknown>): boolean {
  const config = step.CacheConfig as { Enabled?: unknown } | undefined;
  return config?.Enabled === true;
}
