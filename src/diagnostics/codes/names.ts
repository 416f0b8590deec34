import type { CodeInfo } from './types.js';

/** SMP5xxx: names and limits. */
export const NAMES = {
  SMP5001: {
    severity: 'error',
    title: 'Invalid step name',
    messages: {
      stepName: 'step name "{{name}}" must be 1-64 letters, digits, "_" or "-"',
    },
  },
  SMP5002: {
    severity: 'error',
    title: 'Invalid or too long pipeline name',
    messages: {
      pipelineName: 'pipeline name "{{name}}" may only hold letters, digits and single hyphens, starting with a letter or digit',
      pipelineNameLength: 'pipeline name is {{length}} characters; keep it to {{limit}} so the names SageMaker derives from it stay valid',
    },
  },
  SMP5003: {
    severity: 'error',
    title: 'Container argument longer than 256 characters',
    messages: {
      argumentLength: { message: 'argument {{index}} is {{length}} characters; SageMaker allows {{limit}}', hint: 'pass long values in a file (an input) or an environment variable' },
    },
  },
  SMP5004: {
    severity: 'warning',
    title: 'Definition larger than the 1 MiB inline limit (upsert goes through S3)',
    messages: {
      inlineLimit: { message: 'definition is {{size}} bytes, over the {{limit}}-byte inline limit', hint: 'smpipe upsert uploads it to S3 and passes PipelineDefinitionS3Location' },
    },
  },
  SMP5005: {
    severity: 'error',
    title: 'Retry policies are not supported on this step kind',
    messages: {
      noRetry: '{{type}} steps do not accept retry policies',
      exception: { message: '{{type}} steps cannot retry {{exception}}', hint: 'allowed here: {{allowed}}' },
    },
  },
  SMP5006: {
    severity: 'error',
    title: 'Caching is not supported on this step kind',
    messages: {
      noCache: '{{type}} steps cannot be cached',
    },
  },
  SMP5007: {
    severity: 'error',
    title: 'Display name or description too long, or a pipeline display name with characters SageMaker rejects',
    messages: {
      tooLong: '{{what}} is {{length}} characters; SageMaker allows {{limit}}',
      pipelineDisplayName: { message: 'pipeline display name "{{displayName}}" may only hold letters, digits and single hyphens', hint: 'put the prose in description:' },
    },
  },
  SMP5008: {
    severity: 'error',
    title: 'Invalid parameter definition (default or enum of the wrong type, default outside enum)',
    messages: {
      defaultType: 'default {{value}} is not {{type}}',
      enumType: '{{value}} is not {{type}}',
      defaultNotInEnum: 'default {{value}} is not one of the enum values',
      parameterName: 'parameter name "{{name}}" must start with a letter and hold letters, digits, "_" or "-"',
    },
  },
} as const satisfies Record<string, CodeInfo>;
