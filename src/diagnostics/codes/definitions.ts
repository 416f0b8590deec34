import type { CodeInfo } from './types.js';

/** SMP8007-SMP8010: smpipe check and smpipe import, reading a pipeline definition. */
export const DEFINITIONS = {
  SMP8007: {
    severity: 'error',
    title: 'Not a pipeline definition smpipe can read (smpipe check, smpipe import): not JSON, no Steps list, another Version',
    messages: {
      json: 'not JSON: {{message}}',
      shape: 'not a pipeline definition: {{what}}',
      version: { message: 'definition Version {{version}}: smpipe reads "2020-12-01" definitions', hint: 'every SageMaker pipeline definition so far has "Version": "2020-12-01"' },
    },
  },
  SMP8008: {
    severity: 'error',
    title: 'Two steps of a definition have the same name',
    messages: {
      duplicateStep: { message: 'step name "{{name}}" is used by another step too', hint: 'SageMaker requires step names unique across the definition, condition branches included' },
    },
  },
  SMP8009: {
    severity: 'warning',
    title: 'smpipe import: the imported spec does not compile to exactly the definition (something no spec field expresses)',
    messages: {
      notExact: '{{step}}: the imported spec compiles {{path}} differently ({{why}})',
      experiment: { message: 'PipelineExperimentConfig {{config}} is not kept: a spec records executions under the pipeline name and execution id, or not at all', hint: 'the imported spec says experiment: {{value}}' },
      notCompiled: { message: 'the imported spec has errors, so its round trip could not be checked', hint: 'the errors follow, at their lines in the imported spec' },
    },
  },
  SMP8010: {
    severity: 'error',
    title: 'smpipe import: output file refused (it exists and smpipe did not write it)',
    messages: {
      exists: { message: '{{path}} exists and does not start with the line smpipe import writes', hint: 'choose another --out, or remove the file yourself' },
    },
  },
} as const satisfies Record<string, CodeInfo>;
