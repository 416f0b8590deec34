import { RETRY_EXCEPTIONS } from '../../../spec/retry-exceptions.js';
import type { SchemaCorrection } from '../correction.js';
import { at, def, ref, stepDefinitionNames, type JsonObject } from '../json.js';

/** What a RetryPolicy may name in any step type: ours, and EMR steps' own (which smpipe has no kind for). */
const EXCEPTION_TYPES = [...RETRY_EXCEPTIONS, 'Emr.RESOURCE_LIMIT'];

/**
 * One step of any kind, picked by its Type so errors name only that kind's fields. ajv's
 * discriminator needs unique Types; without endpoint-config-step-type two shapes share
 * "Endpoint", and this falls back to a plain oneOf rather than fail.
 */
function anyStep(schema: JsonObject): JsonObject {
  const names = stepDefinitionNames(schema);
  const types = names.flatMap((name) => at(def(schema, name), 'properties', 'Type')['enum'] as string[]);
  const unique = new Set(types).size === types.length;
  return {
    description: 'A pipeline step; its Type selects the shape of the rest.',
    type: 'object',
    properties: { Type: { type: 'string', enum: [...new Set(types)], description: 'The kind of step.' } },
    required: ['Type'],
    ...(unique ? { discriminator: { propertyName: 'Type' } } : {}),
    oneOf: names.map(ref),
  };
}

/** RetryPolicy.to_request and its validators in sagemaker.workflow.retry. */
function retryPolicy(): JsonObject {
  return {
    description: 'Retry the step when it fails with one of ExceptionType.',
    type: 'object',
    properties: {
      ExceptionType: {
        type: 'array',
        items: { type: 'string', enum: EXCEPTION_TYPES },
        minItems: 1,
        uniqueItems: true,
      },
      IntervalSeconds: { type: 'integer', minimum: 0 },
      BackoffRate: { type: 'number', minimum: 0 },
      MaxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
      ExpireAfterMin: { type: 'integer', minimum: 0, maximum: 14400 },
    },
    required: ['ExceptionType'],
    not: { required: ['MaxAttempts', 'ExpireAfterMin'] },
    additionalProperties: false,
  };
}

function propertyFiles(): JsonObject {
  return {
    description: 'JSON files in this step\'s outputs that Std:JsonGet may read.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        PropertyFileName: { type: 'string', description: 'Name used in Steps.S.PropertyFiles.NAME.' },
        OutputName: { type: 'string', description: 'The processing output holding the file.' },
        FilePath: { type: 'string', description: 'Path of the file inside that output.' },
      },
      required: ['PropertyFileName', 'OutputName', 'FilePath'],
      additionalProperties: false,
    },
  };
}

export const STEP_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'step-display-name-free-text',
    kind: 'service',
    why:
      'A step DisplayName is the service model\'s StepDisplayName: any text up to 256 characters ' +
      '(botocore sagemaker service-2.json, pattern ".*"); the vendored schema reuses the StepName ' +
      'pattern, which rejects spaces.',
    apply(schema) {
      for (const name of stepDefinitionNames(schema)) {
        const properties = at(def(schema, name), 'properties');
        if ('DisplayName' in properties) properties['DisplayName'] = { type: 'string', maxLength: 256 };
      }
    },
  },
  {
    id: 'endpoint-config-step-type',
    kind: 'service',
    why:
      'An endpoint-config step has Type "EndpointConfig" (StepTypeEnum.ENDPOINT_CONFIG, used by ' +
      'sagemaker.workflow.endpoint_step.EndpointConfigStep); the vendored EndpointConfigStep ' +
      'says "Endpoint", which is the endpoint step\'s Type.',
    apply(schema) {
      at(def(schema, 'EndpointConfigStep'), 'properties', 'Type')['enum'] = ['EndpointConfig'];
    },
  },
  {
    id: 'endpoint-steps-cache-and-retry',
    kind: 'service',
    why:
      'EndpointConfigStep takes cache_config and retry_policies and EndpointStep takes ' +
      'cache_config (sagemaker.workflow.endpoint_step); the vendored schema allows neither.',
    apply(schema) {
      const config = at(def(schema, 'EndpointConfigStep'), 'properties');
      config['CacheConfig'] = ref('CacheConfig');
      config['RetryPolicies'] = { type: 'array', items: ref('RetryPolicy') };
      at(def(schema, 'EndpointStep'), 'properties')['CacheConfig'] = ref('CacheConfig');
    },
  },
  {
    id: 'retry-exception-type-list',
    kind: 'service',
    why:
      'A retry policy\'s ExceptionType is a list ("ExceptionType": [e.value for e in ...] in ' +
      'sagemaker.workflow.retry); the vendored schema wants one string. The SDK\'s own limits ' +
      'come along: MaxAttempts 1-20 or ExpireAfterMin 0-14400, not both.',
    apply(schema) {
      at(schema, 'definitions')['RetryPolicy'] = retryPolicy();
    },
  },
  {
    id: 'processing-property-files',
    kind: 'service',
    why:
      'A processing step declares the JSON reports Std:JsonGet reads as "PropertyFiles": ' +
      '[{PropertyFileName, OutputName, FilePath}] beside Arguments (ProcessingStep.to_request); ' +
      'the vendored ProcessingStep forbids the key.',
    apply(schema) {
      at(def(schema, 'ProcessingStep'), 'properties')['PropertyFiles'] = propertyFiles();
    },
  },
  {
    id: 'callback-queue-url-expression',
    kind: 'service',
    why:
      'A callback step\'s SqsQueueUrl may be a pipeline parameter ({"Get": "Parameters.Q"}), as ' +
      'in the SDK v2.240 reference definition; the vendored schema wants a literal string.',
    apply(schema) {
      at(def(schema, 'CallbackStep'), 'properties')['SqsQueueUrl'] = ref('StringArgumentValue');
    },
  },
  {
    id: 'condition-branches-any-step',
    kind: 'service',
    why:
      'IfSteps and ElseSteps hold steps of any kind (the SDK reference nests Model and Lambda ' +
      'steps; deployments nest EndpointConfig and Endpoint); the vendored schema allows only ' +
      'Training, Fail, Processing, Transform and RegisterModel there.',
    apply(schema) {
      const args = at(def(schema, 'ConditionStep'), 'properties', 'Arguments', 'properties');
      at(args, 'IfSteps')['items'] = ref('Step');
      at(args, 'ElseSteps')['items'] = ref('Step');
    },
  },
  {
    id: 'step-type-dispatch',
    kind: 'diagnostics',
    why:
      'The vendored Steps items are a oneOf of 16 step shapes, so one bad field yields dozens of ' +
      'errors, one per shape it fails; a Step definition that picks the shape by Type (ajv\'s ' +
      'discriminator, a plain oneOf to other validators) reports only the step\'s own errors.',
    apply(schema) {
      at(schema, 'definitions')['Step'] = anyStep(schema);
      at(schema, 'properties', 'Steps')['items'] = ref('Step');
    },
  },
];
