import type { SchemaCorrection } from '../correction.js';
import { at, ref, type JsonObject } from '../json.js';

/**
 * Step types the vendored schema predates. Applied before the step corrections, so the Type
 * dispatch and the per-step fixes (DisplayName, …) cover them like the others.
 */
function emrServerlessStep(): JsonObject {
  return {
    description: 'An EMR Serverless step (StepTypeEnum.EMR_SERVERLESS, sagemaker.mlops.workflow.emr_serverless_step).',
    type: 'object',
    properties: {
      Name: ref('StepName'),
      Type: { type: 'string', enum: ['EMRServerless'] },
      DependsOn: { type: 'array', items: ref('StepName') },
      DisplayName: ref('StepName'),
      Description: ref('ParameterDescription'),
      RetryPolicies: { type: 'array', items: ref('RetryPolicy') },
      CacheConfig: ref('CacheConfig'),
      Arguments: {
        type: 'object',
        properties: {
          ExecutionRoleArn: ref('StringArgumentValue'),
          ApplicationId: ref('StringArgumentValue'),
          ApplicationConfig: { type: 'object', description: 'CreateApplication\'s request for a new application.' },
          JobConfig: {
            type: 'object',
            properties: {
              executionRoleArn: ref('StringArgumentValue'),
              applicationId: ref('StringArgumentValue'),
              jobDriver: { type: 'object', description: 'The job driver (sparkSubmit or hive).' },
              configurationOverrides: { type: 'object', description: 'Application and monitoring configuration of the job run.' },
              executionTimeoutMinutes: ref('IntegerArgumentValue'),
              name: ref('StringArgumentValue'),
              tags: { type: 'object', additionalProperties: ref('StringArgumentValue') },
            },
            required: ['executionRoleArn', 'jobDriver'],
            additionalProperties: false,
          },
        },
        required: ['ExecutionRoleArn', 'JobConfig'],
        additionalProperties: false,
      },
    },
    required: ['Name', 'Type', 'Arguments'],
    additionalProperties: false,
  };
}

export const NEW_STEP_TYPE_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'emr-serverless-step',
    kind: 'service',
    why:
      'EMR Serverless steps have Type "EMRServerless" and Arguments {ExecutionRoleArn, JobConfig, ' +
      'ApplicationId | ApplicationConfig} (aws/sagemaker-python-sdk sagemaker-mlops ' +
      'workflow/emr_serverless_step.py, EMRServerlessStep); the vendored schema has no such step.',
    apply(schema) {
      at(schema, 'definitions')['EMRServerlessStep'] = emrServerlessStep();
    },
  },
];
