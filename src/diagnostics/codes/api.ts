import type { CodeInfo } from './types.js';

/** SMP8xxx: SageMaker API shapes. */
export const API = {
  SMP8001: {
    severity: 'error',
    title: 'Field not in the SageMaker API request shape',
    messages: {
      rejectedArgument: { message: '{{key}} is not accepted in a {{stepType}} step', hint: '{{why}}' },
      setByPipelines: '{{request}}: {{key}} is set by SageMaker Pipelines and must not be given',
      noField: '{{request}}: {{name}} has no field {{key}}',
    },
  },
  SMP8002: {
    severity: 'error',
    title: 'Required SageMaker API field missing',
    messages: {
      requires: '{{request}}: {{name}} requires {{member}}',
      requiresOne: '{{request}}: {{name}} requires one of {{members}}',
    },
  },
  SMP8003: {
    severity: 'error',
    title: 'Value not in the SageMaker API enum (for example an instance type)',
    messages: {
      enum: "{{request}}: '{{value}}' is not a valid {{name}} for {{where}}",
      intEnum: { message: '{{request}}: {{value}} is not a valid {{name}} for {{where}}', hint: 'valid values: {{values}}' },
      parameter: "parameter {{name}}: '{{value}}' is not a valid {{enumName}}",
    },
  },
  SMP8004: {
    severity: 'error',
    title: 'Number or length outside the SageMaker API range',
    messages: {
      range: '{{request}}: {{where}} must be {{range}}, not {{value}}',
      length: '{{request}}: {{where}} must be {{range}} characters long, not {{length}}',
      count: '{{request}}: {{where}} must have {{range}} entries, not {{count}}',
    },
  },
  SMP8005: {
    severity: 'error',
    title: 'Value has the wrong type for the SageMaker API field',
    messages: {
      wrongType: '{{request}}: {{where}} must be {{expected}}, not {{actual}}',
      notSingleValue: '{{request}}: {{where}} is a {{kind}}; a pipeline expression can only stand for a single value',
      expressionType: '{{request}}: {{where}} expects {{expected}}, but the expression is of type {{type}}',
      exactlyOne: '{{request}}: {{name}} takes exactly one of {{members}}',
    },
  },
  SMP8006: {
    severity: 'error',
    title: 'Compiled definition violates the pipeline definition schema',
    messages: {
      definition: 'definition {{path}}: {{problem}}',
    },
  },
} as const satisfies Record<string, CodeInfo>;
