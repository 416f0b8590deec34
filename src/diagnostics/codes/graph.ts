import type { CodeInfo } from './types.js';

/** SMP4xxx: the step graph. */
export const GRAPH = {
  SMP4001: {
    severity: 'error',
    title: 'Reference cycle between steps',
    messages: {
      cycle: 'steps depend on each other in a cycle: {{cycle}}',
    },
  },
  SMP4002: {
    severity: 'error',
    title: 'Step listed in more than one condition branch',
    messages: {
      twoBranches: 'step "{{step}}" is already in the {{branch}} branch of "{{condition}}"',
    },
  },
  SMP4003: {
    severity: 'error',
    title: 'Step inside a condition branch used from outside it in a way SageMaker rejects',
    messages: {
      crossBranch: { message: '"{{step}}" uses "{{target}}", which runs only in the {{branch}} branch of "{{condition}}"', hint: 'move "{{step}}" into the same branch, or move "{{target}}" out of the condition' },
    },
  },
  SMP4004: {
    severity: 'warning',
    title: 'Parameter is never used',
    messages: {
      unused: { message: 'parameter "{{name}}" is never used', hint: 'remove it, or use it with ${params.{{name}}}' },
    },
  },
  SMP4005: {
    severity: 'warning',
    title: 'Step is redundant in dependsOn (already implied by a reference)',
    messages: {
      redundant: { message: '"{{step}}" is already a dependency: this step reads its properties', hint: 'remove it from dependsOn' },
    },
  },
  SMP4006: {
    severity: 'error',
    title: 'A condition lists itself or one of its ancestors in a branch',
    messages: {
      listsItself: 'condition "{{condition}}" lists itself in its {{branch}} branch',
      listsAncestor: 'condition "{{condition}}" is inside the branch of "{{ancestor}}", which it lists in its own branch',
    },
  },
  SMP4007: {
    severity: 'warning',
    title: 'A cached step\'s cache key holds a value that changes in every execution (the step is never reused)',
    messages: {
      executionValue: '{{step}} is cached, but its cache key field {{fields}} {{verb}} {{expression}}, which changes in every execution: {{step}} is never reused from the cache',
    },
  },
  SMP4008: {
    severity: 'warning',
    title: 'A cached step\'s cache key reads a step that runs again in every execution (the step is never reused)',
    messages: {
      upstreamReruns: '{{step}} is cached, but its cache key field {{fields}} {{verb}} {{upstream}}, which runs again in every execution ({{why}}): {{step}} is never reused from the cache',
    },
  },
} as const satisfies Record<string, CodeInfo>;
