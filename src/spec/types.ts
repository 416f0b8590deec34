/**
 * The spec's types, derived from its schema (spec/schema.ts) rather than written again: what a
 * value is once validated. Step bodies are typed by their kinds (steps/*.ts, `SpecOf`).
 */
import type { ParameterSpec } from './schema.js';

export type { CacheSpec, CommonStep, DefaultsSpec, ParameterSpec, PipelineSpec, RetryPolicySpec, RetrySpec, StepBody } from './schema.js';
export type { ImageSpec } from '../steps/shared/fields.js';

export type ParameterType = ParameterSpec['type'];

/**
 * The `defaults:` block with its compile-time values resolved (vars substituted). The role, cache
 * and retry stay as written: the compile goes on after top-level schema errors, so their users
 * check them again.
 */
export interface ResolvedDefaults {
  role?: unknown;
  cache?: unknown;
  retry?: unknown;
  network?: {
    subnets?: string[];
    securityGroups?: string[];
    isolation?: boolean;
    interContainerEncryption?: boolean;
  };
  kms?: { volume?: string; output?: string };
  tags?: Record<string, string>;
}
