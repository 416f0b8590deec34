import type { SchemaCorrection } from '../correction.js';
import { at, def, ref } from '../json.js';

/** What the SageMaker Python SDK writes for a TuningStep that the vendored schema predates. */
export const TUNING_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'tuning-resource-config',
    kind: 'service',
    why:
      'The SDK writes a tuning job\'s compute as TrainingJobDefinition.HyperParameterTuningResourceConfig ' +
      '(sagemaker/tuner.py _TuningJob._prepare_training_config deletes resource_config and sets ' +
      'hpo_resource_config, which session._map_training_config writes under that name; v2.240.0), never ' +
      'ResourceConfig; the vendored schema requires ResourceConfig and forbids the other. Either one now, ' +
      'its members checked against the API shapes.',
    apply(schema) {
      const definition = def(schema, 'HyperParameterTrainingJobDefinition');
      at(definition, 'properties')['HyperParameterTuningResourceConfig'] = {
        description: 'The tuning job\'s instances (instead of ResourceConfig); checked against the API shapes.',
        type: 'object',
      };
      const required = (definition['required'] as string[]).filter((r) => r !== 'ResourceConfig');
      definition['required'] = required;
      definition['anyOf'] = [{ required: ['ResourceConfig'] }, { required: ['HyperParameterTuningResourceConfig'] }];
    },
  },
  {
    id: 'tuning-resource-limits-expression',
    kind: 'service',
    why:
      'HyperparameterTuner takes max_jobs and max_parallel_jobs as Union[int, PipelineVariable] ' +
      '(sagemaker/tuner.py, v2.240.0), so a ParameterInteger reaches ResourceLimits as {"Get": ' +
      '"Parameters.MaxJobs"} (test/import/fixtures/sdk/tuning.json, printed by that SDK); the vendored ' +
      'schema wants literal integers.',
    apply(schema) {
      const limits = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties', 'HyperParameterTuningJobConfig', 'properties', 'ResourceLimits', 'properties');
      limits['MaxNumberOfTrainingJobs'] = ref('IntegerArgumentValue');
      limits['MaxParallelTrainingJobs'] = ref('IntegerArgumentValue');
    },
  },
];
