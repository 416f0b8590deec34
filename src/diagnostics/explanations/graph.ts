import { HEAD, PREP, stop } from './specs.js';
import type { Explanations } from './types.js';

const GATE = (then: string) => `  Gate:\n    kind: condition\n    when: "\${params.Score} >= 0.5"\n    then: [${then}]\n`;
const SCORE = 'parameters:\n  Score: { type: float, default: 0.7 }\n';

/** SMP4xxx: the step graph: order, branches, use. */
export const GRAPH = {
  SMP4001: {
    explain: 'Steps wait for each other in a circle (through references or dependsOn), so none can start. SageMaker needs the steps to form a graph without cycles.',
    example: `${HEAD}steps:\n  A:\n    kind: fail\n    message: a\n    dependsOn: [B]\n  B:\n    kind: fail\n    message: b\n    dependsOn: [A]\n`,
    fix: `${HEAD}steps:\n  A:\n    kind: fail\n    message: a\n  B:\n    kind: fail\n    message: b\n    dependsOn: [A]\n`,
  },
  SMP4002: {
    explain: 'A step sits in the branches of two conditions (or both branches of one). A branch step runs only inside its condition\'s branch, so it can belong to one branch only.',
    example: `${HEAD}${SCORE}steps:\n${GATE('Stop')}  Again:\n    kind: condition\n    when: "\${params.Score} < 0.9"\n    then: [Stop]\n${stop('stopped')}`,
    fix: `${HEAD}${SCORE}steps:\n${GATE('Again')}  Again:\n    kind: condition\n    when: "\${params.Score} < 0.9"\n    then: [Stop]\n${stop('stopped')}`,
  },
  SMP4003: {
    explain: 'A step outside a condition branch reads a step that runs only inside it. When the branch is not taken that step never runs, and SageMaker rejects the definition.',
    example: `${HEAD}${SCORE}steps:\n${GATE('Prep')}${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
    fix: `${HEAD}${SCORE}steps:\n${GATE('Prep, Stop')}${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
  },
  SMP4004: {
    explain: 'A declared parameter is used by no step: a leftover, or a step meant to use it names another. (A step with errors of its own counts every parameter it mentions as used.)',
    example: `${HEAD}${SCORE}steps:\n${stop('stopped')}`,
    fix: `${HEAD}${SCORE}steps:\n${stop('score ${params.Score}')}`,
  },
  SMP4005: {
    explain: 'dependsOn lists a step this step already reads properties of: the reference orders them already.',
    example: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.data}')}    dependsOn: [Prep]\n`,
    fix: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
  },
  SMP4006: {
    explain: 'A condition lists itself, or a condition it is nested in, in one of its branches: the branch would contain the condition that decides it.',
    example: `${HEAD}${SCORE}steps:\n${GATE('Gate')}`,
    fix: `${HEAD}${SCORE}steps:\n${GATE('Stop')}${stop('stopped')}`,
  },
} satisfies Explanations;
