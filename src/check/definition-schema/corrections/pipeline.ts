import type { SchemaCorrection } from '../correction.js';
import { at, def, ref } from '../json.js';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
/** A name, not a location: the corrected schema must not claim the vendored file's `$id`. */
export const CORRECTED_SCHEMA_ID = 'urn:smpipe:schema:pipeline-definition';

export const PIPELINE_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'schema-identity',
    kind: 'metadata',
    why:
      'The vendored "$schema" is "http://json-schema.org/schema#" ("the latest draft", which ajv ' +
      'reads as draft-07 and newer validators as 2020-12) and its $id names the AWS file; the ' +
      'corrected schema is pinned to draft-07, the dialect it is written in, and named as ours.',
    apply(schema) {
      schema['$schema'] = DRAFT_07;
      schema['$id'] = CORRECTED_SCHEMA_ID;
      schema['title'] = 'SageMaker Pipeline definition (AWS schema, corrected by smpipe)';
    },
  },
  {
    id: 'pipeline-experiment-config',
    kind: 'service',
    why:
      'CreatePipeline accepts a top-level PipelineExperimentConfig {ExperimentName, TrialName} ' +
      '(strings or Get expressions, by default Execution.PipelineName and ' +
      'Execution.PipelineExecutionId); the SDK always writes the key and writes null when ' +
      'experiments are off (sagemaker.workflow.pipeline.Pipeline.to_request).',
    apply(schema) {
      at(schema, 'properties')['PipelineExperimentConfig'] = {
        description: 'Experiment and trial every job of an execution is recorded under; null: none.',
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            properties: {
              ExperimentName: ref('StringArgumentValue'),
              TrialName: ref('StringArgumentValue'),
            },
            additionalProperties: false,
          },
        ],
      };
    },
  },
  {
    id: 'string-parameter-enum-values',
    kind: 'service',
    why:
      'A String parameter may list its allowed values: ParameterString(enum_values=...) emits ' +
      '"EnumValues": [...] (sagemaker.workflow.parameters), which Studio shows as a choice list; ' +
      'the vendored StringParameter forbids the key.',
    apply(schema) {
      at(def(schema, 'StringParameter'), 'properties')['EnumValues'] = {
        description: 'The values an execution may pass; Studio offers them as a list.',
        type: 'array',
        items: { type: 'string', maxLength: 4096 },
        minItems: 1,
        uniqueItems: true,
      };
    },
  },
];
