import type { SchemaCorrection } from '../correction.js';
import { at, def, ref } from '../json.js';

/**
 * Corrections for the job step types beyond processing and training (transform, tuning, the
 * check steps, EMR, AutoML), found by compiling every form smpipe emits for them
 * (test/golden/ok) and checked against the SDK's source and the API service model.
 */
export const JOB_STEP_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'tuning-strategies',
    kind: 'service',
    why:
      'HyperParameterTuningJobConfig.Strategy also takes Hyperband and Grid (the API enum ' +
      'HyperParameterTuningJobStrategyType; the SDK\'s HyperparameterTuner accepts both); the ' +
      'vendored schema lists Bayesian and Random only.',
    apply(schema) {
      const config = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties', 'HyperParameterTuningJobConfig', 'properties');
      at(config, 'Strategy')['enum'] = ['Bayesian', 'Random', 'Hyperband', 'Grid'];
    },
  },
  {
    id: 'tuning-limits-parameters',
    kind: 'service',
    why:
      'MaxNumberOfTrainingJobs and MaxParallelTrainingJobs may be pipeline parameters (the SDK\'s ' +
      'HyperparameterTuner takes max_jobs and max_parallel_jobs as Union[int, PipelineVariable]); ' +
      'the vendored schema wants literal integers (with a minLength, which does not apply to them).',
    apply(schema) {
      const limits = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties', 'HyperParameterTuningJobConfig', 'properties', 'ResourceLimits', 'properties');
      limits['MaxNumberOfTrainingJobs'] = ref('IntegerArgumentValue');
      limits['MaxParallelTrainingJobs'] = ref('IntegerArgumentValue');
    },
  },
];
