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
  SMP4007: {
    explain: 'SageMaker reuses a cached step when the fields of its cache key (a documented list per step type: Processing AppSpecification, Environment, ProcessingInputs; Training AlgorithmSpecification, CheckpointConfig, HyperParameters, InputDataConfig, Environment, …) are the same as in an earlier successful run. A value that differs in every execution (${execution.id}, ${execution.startDateTime}, …) inside one of them means the step never hits the cache, and days of labeling or training run again.',
    example: `${HEAD.replace('defaults: {', 'defaults: { cache: P30D,')}steps:\n${PREP}    environment: { RUN: "\${execution.id}" }\n`,
    fix: `${HEAD.replace('defaults: {', 'defaults: { cache: P30D,')}steps:\n${PREP}    environment: { RUN: demo }\n`,
  },
  SMP4008: {
    explain: 'A cached step reads the output of a step that runs again in every execution (not cached, or its own key changes per execution). The output location then changes too, so the reader never hits the cache either: its cache key holds the upstream step\'s fresh output.',
    example: `${HEAD.replace('defaults: {', 'defaults: { cache: P30D,')}steps:\n${PREP}    cache: false\n  Use:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    inputs: { data: "\${steps.Prep.outputs.data}" }\n`,
    fix: `${HEAD.replace('defaults: {', 'defaults: { cache: P30D,')}steps:\n${PREP}  Use:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    inputs: { data: "\${steps.Prep.outputs.data}" }\n`,
  },
} satisfies Explanations;
