import type { CodeInfo } from './types.js';

/** SMP3xxx: expressions and references. */
export const EXPRESSIONS = {
  SMP3001: {
    severity: 'error',
    title: 'Expression syntax error',
    messages: {
      condition: 'cannot read the condition: {{problem}}',
      root: '"{{ref}}" does not start with one of {{roots}}',
      stepReference: 'expected steps.<StepName>.<property>, got "steps.{{rest}}"',
      syntax: '{{problem}}',
    },
  },
  SMP3002: {
    severity: 'error',
    title: 'Unknown pipeline parameter',
    messages: {
      unknownParameter: 'unknown parameter "{{name}}"',
    },
  },
  SMP3003: {
    severity: 'error',
    title: 'Unknown var',
    messages: {
      unknownVar: 'unknown var "{{name}}"',
      undeclaredInFile: '"{{name}}" is not declared under vars: in the spec',
      undeclaredSet: '--set {{name}}: "{{name}}" is not declared under vars:',
    },
  },
  SMP3004: {
    severity: 'error',
    title: 'Var has no value (set it with --vars or --set)',
    messages: {
      unsetVar: { message: 'var "{{name}}" has no value', hint: 'pass it with --vars FILE (a YAML file of var values) or --set {{name}}=VALUE' },
      unsetRegion: { message: 'var "region" has no value: Deep Learning Container images need it', hint: 'pass it with --vars FILE (a YAML file of var values) or --set region=VALUE' },
    },
  },
  SMP3005: {
    severity: 'error',
    title: 'Unknown step',
    messages: {
      unknownStep: 'unknown step "{{step}}"',
      unknownBranchStep: 'unknown step "{{step}}" in the {{branch}} branch of "{{condition}}"',
    },
  },
  SMP3006: {
    severity: 'error',
    title: 'Unknown output of a step',
    messages: {
      noOutputParameter: { message: 'step "{{step}}" declares no output parameter "{{name}}"', hint: 'its OutputParameters: {{outputs}}' },
      reportOutput: 'report "{{report}}" names output "{{output}}", which this step does not declare',
      outputName: 'name the output: steps.{{step}}.outputs.<name>',
      noOutput: { message: 'step "{{step}}" has no output "{{name}}"', hint: 'outputs: {{outputs}}' },
      noOutputDeclared: { message: 'step "{{step}}" has no output "{{name}}"', hint: 'it declares no outputs' },
      noMetric: { message: 'step "{{step}}" defines no metric "{{name}}"', hint: 'metrics: {{metrics}}' },
    },
  },
  SMP3007: {
    severity: 'error',
    title: 'Unknown report (property file) of a step',
    messages: {
      noPropertyFile: { message: 'step "{{step}}" declares no property file "{{name}}"', hint: 'its PropertyFiles: {{files}}' },
      noReport: { message: 'step "{{step}}" has no report "{{name}}"', hint: 'reports: {{reports}}' },
      noReportDeclared: { message: 'step "{{step}}" has no report "{{name}}"', hint: 'declare it under reports:' },
    },
  },
  SMP3008: {
    severity: 'error',
    title: 'Property path not in the step\'s Describe* response',
    messages: {
      pathMissing: 'give a property path after "properties.", e.g. steps.{{step}}.properties.<Field>',
      notInShape: '{{shape}}: {{problem}}',
    },
  },
  SMP3009: {
    severity: 'error',
    title: 'Unknown execution variable',
    messages: {
      unknownExecutionVariable: 'unknown execution variable "{{name}}"',
    },
  },
  SMP3010: {
    severity: 'error',
    title: 'Expression type mismatch',
    messages: {
      compareNumbers: '{{operand}} is {{type}}; {{op}} compares numbers',
      cannotEqual: '{{left}} ({{leftType}}) cannot equal {{right}} ({{rightType}})',
      literalType: 'expected {{expected}}, got {{actual}} {{value}}',
      textType: 'expected {{expected}}, got text "{{text}}"',
      expressionType: '{{expression}} is {{actual}}, expected {{expected}}',
      joinedType: 'text with expressions is a {{actual}}, expected {{expected}}',
    },
  },
  SMP3011: {
    severity: 'error',
    title: 'Run-time expression where only compile-time values are allowed',
    messages: {
      hyperparameterJson: { message: 'a list or mapping hyperparameter is JSON-encoded at compile time, so it cannot hold a run-time value', hint: 'give the run-time value a hyperparameter of its own' },
      stepsAtPipelineLevel: 'step properties are not available here',
      runtimeValue: { message: '{{expression}} is only known at run time; this field needs a value at compile time', hint: 'use ${vars.NAME} here' },
    },
  },
  SMP3012: {
    severity: 'error',
    title: 'A step refers to itself',
    messages: {
      ownProperties: 'step "{{step}}" cannot refer to its own properties',
      dependsOnItself: 'step "{{step}}" cannot depend on itself',
    },
  },
  SMP3013: {
    severity: 'error',
    title: 'Step exposes no such property for its kind',
    messages: {
      conditionOutcome: { message: 'a condition step exposes only "outcome"', hint: 'steps.{{step}}.outcome' },
      failProperties: { message: 'a fail step exposes no properties ("{{tail}}")', hint: 'nothing runs after a fail step' },
      unknownProperty: { message: 'a {{kind}} step exposes no "{{tail}}"', hint: 'use one of: {{known}}' },
    },
  },
  SMP3020: {
    severity: 'error',
    title: 'Tuning step has no such top training job (models.K takes K from 0 to 49)',
    messages: {
      topModelIndex: { message: 'steps.{{step}}.models.{{index}}: a tuning step keeps its 50 best training jobs', hint: 'use models.0 (the best) to models.{{last}}' },
    },
  },
  SMP3021: {
    severity: 'error',
    title: 'Tuning objective metric is not among the training definition\'s metrics',
    messages: {
      objectiveMetric: { message: 'objective metric "{{metric}}" is not one of training.metrics', hint: 'training.metrics defines: {{metrics}}; add a regex for it there' },
    },
  },
} as const satisfies Record<string, CodeInfo>;
