import type { SchemaCorrection } from '../correction.js';
import { at, def } from '../json.js';

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
];
