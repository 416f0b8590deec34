/**
 * Step caching rules: the documented key attributes per step type (src/check/cache-keys.ts, from
 * SageMaker's "Default cache key attributes by pipeline step type"), ExpireAfter, most recent wins.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CACHE_KEYS_SOURCE, argumentsPath, cacheKeyAttributes, cacheKeyView } from '../../src/check/cache-keys.js';
import { stepCacheKey } from '../../src/check/step-cache-key.js';
import { cacheKeyOf, durationMs, StepCache } from '../../src/run/cache.js';
import type { DefinitionStep } from '../../src/run/definition.js';
import { tempDir } from './harness.js';

const processing = (args: Record<string, unknown>): DefinitionStep => ({ Name: 'Prep', Type: 'Processing', Arguments: args as DefinitionStep['Arguments'] });
const base = { AppSpecification: { ImageUri: 'img' }, Environment: { A: '1' }, ProcessingInputs: [{ InputName: 'x' }], ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.large' } }, RoleArn: 'r1' };

describe('documented cache keys', () => {
  test('the table cites its source and lists the documented types only', () => {
    assert.equal(CACHE_KEYS_SOURCE, 'https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-default-keys.html');
    assert.deepEqual(cacheKeyAttributes('Training')?.map((a) => a.name), ['AlgorithmSpecification', 'CheckpointConfig', 'DebugHookConfig', 'DebugRuleConfigurations', 'Environment', 'HyperParameters', 'InputDataConfig']);
    for (const type of ['Callback', 'Lambda', 'Model', 'RegisterModel', 'EndpointConfig', 'Endpoint', 'Condition', 'Fail']) assert.equal(cacheKeyAttributes(type), undefined, type);
  });

  test('a processing step\'s key: AppSpecification, Environment, ProcessingInputs; not its instance or role', () => {
    const key = cacheKeyOf(processing(base), base as never);
    assert.equal(cacheKeyOf(processing(base), { ...base, ProcessingResources: { ClusterConfig: { InstanceType: 'ml.c5.xlarge' } }, RoleArn: 'r2' } as never), key, 'instance and role are not key attributes');
    assert.notEqual(cacheKeyOf(processing(base), { ...base, Environment: { A: '2' } } as never), key);
    assert.notEqual(cacheKeyOf(processing(base), { ...base, ProcessingInputs: [{ InputName: 'y' }] } as never), key);
    assert.notEqual(cacheKeyOf({ ...processing(base), Name: 'Other' }, base as never), key, 'keys are per step');
  });

  test('tuning narrows TrainingJobDefinition to the listed children', () => {
    const view = cacheKeyView('Tuning', { Arguments: { HyperParameterTuningJobConfig: { Strategy: 'Bayesian' }, TrainingJobDefinition: { AlgorithmSpecification: { a: 1 }, RoleArn: 'r', StaticHyperParameters: { e: '1' } } } });
    assert.deepEqual(view, { HyperParameterTuningJobConfig: { Strategy: 'Bayesian' }, TrainingJobDefinition: { AlgorithmSpecification: { a: 1 }, StaticHyperParameters: { e: '1' } } });
    assert.equal(cacheKeyView('Callback', { Arguments: {} }), undefined);
  });
});

describe('ExpireAfter and the cache file', () => {
  test('ISO 8601 durations', () => {
    assert.equal(durationMs('P30D'), 30 * 86_400_000);
    assert.equal(durationMs('PT1H'), 3_600_000);
    assert.equal(durationMs('P1DT12H30M'), 86_400_000 + 12 * 3_600_000 + 30 * 60_000);
    assert.equal(durationMs('P1M'), 30 * 86_400_000, 'M before T is months');
    for (const bad of ['30d', 'P', 'PT', 'P1H', undefined]) assert.equal(durationMs(bad), undefined, String(bad));
  });

  test('the most recent matching entry within ExpireAfter; none once expired', () => {
    const cache = new StepCache(tempDir(), 'p');
    const at = (iso: string) => ({ step: 'Train', key: 'k', runId: iso, finishedAt: iso, properties: {} });
    cache.commit([at('2026-01-01T00:00:00.000Z'), at('2026-01-05T00:00:00.000Z'), { ...at('2026-01-06T00:00:00.000Z'), key: 'other' }]);
    const now = Date.parse('2026-01-06T00:00:00.000Z');
    assert.equal(cache.lookup('Train', 'k', 7 * 86_400_000, now)?.runId, '2026-01-05T00:00:00.000Z');
    assert.equal(cache.lookup('Train', 'k', 12 * 3_600_000, now), undefined, 'a day ago is past twelve hours');
    assert.equal(cache.lookup('Prep', 'k', 7 * 86_400_000, now), undefined);
  });
});

describe('cache keys of the step types beyond processing and training', () => {
  test('a check step\'s SDK objects are members of its processing request; the baseline flags sit on the step', () => {
    const step = {
      CheckType: 'DATA_QUALITY', SkipCheck: false, RegisterNewBaseline: true, FailOnViolation: true,
      Arguments: {
        ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge' } }, AppSpecification: { ImageUri: 'i' }, RoleArn: 'r',
        ProcessingInputs: [{ InputName: 'baseline_dataset_input' }], ProcessingOutputConfig: { Outputs: [] }, Environment: { dataset_format: '{}' },
      },
    };
    assert.deepEqual(cacheKeyView('QualityCheck', step), {
      QualityCheckConfig: { ProcessingInputs: [{ InputName: 'baseline_dataset_input' }], ProcessingOutputConfig: { Outputs: [] }, Environment: { dataset_format: '{}' } },
      CheckJobConfig: { ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge' } }, AppSpecification: { ImageUri: 'i' }, RoleArn: 'r' },
      SkipCheck: false,
      RegisterNewBaseline: true,
    });
    assert.deepEqual(argumentsPath('QualityCheck', ['QualityCheckConfig', 'ProcessingInputs', 0]), ['ProcessingInputs', 0]);
    assert.deepEqual(argumentsPath('Transform', ['TransformInput', 'DataSource']), ['TransformInput', 'DataSource']);
  });

  test('transform, AutoML and EMR keys; EMR Serverless has none documented (its whole Arguments stand in)', () => {
    assert.deepEqual(Object.keys(cacheKeyView('Transform', { Arguments: { ModelName: 'm', TransformInput: {}, TransformOutput: {}, TransformResources: {} } }) ?? {}), ['ModelName', 'TransformInput']);
    assert.deepEqual(cacheKeyView('AutoML', { Arguments: { AutoMLJobConfig: { Mode: 'ENSEMBLING', SecurityConfig: {} }, OutputDataConfig: {} } }), { AutoMLJobConfig: { Mode: 'ENSEMBLING' } });
    assert.deepEqual(cacheKeyView('EMR', { Arguments: { ClusterId: 'j-1', StepConfig: {}, ExecutionRoleArn: 'r' } }), { ClusterId: 'j-1', StepConfig: {} });
    assert.equal(cacheKeyView('EMRServerless', { Arguments: {} }), undefined);
    assert.deepEqual(stepCacheKey('EMRServerless', { Arguments: { JobConfig: { name: 'x' } } }), { view: { JobConfig: { name: 'x' } }, documented: false });
  });
});
