import { HEAD, PREP, stop } from './specs.js';
import type { Explanations } from './types.js';

/** SMP3xxx: ${...} expressions and what they name. */
export const EXPRESSIONS = {
  SMP3001: {
    explain: 'An expression (${...}) or a condition (when:) cannot be read: an unterminated ${, a root other than params, vars, execution or steps, or an operator the condition language does not have (=> instead of >=, && instead of and).',
    example: `${HEAD}steps:\n${stop('${params.Note')}parameters:\n  Note: { type: string, default: hi }\n`,
    fix: `${HEAD}steps:\n${stop('${params.Note}')}parameters:\n  Note: { type: string, default: hi }\n`,
  },
  SMP3002: {
    explain: '${params.NAME} names a parameter the spec does not declare under parameters:.',
    example: `${HEAD}parameters:\n  Threshold: { type: float, default: 0.5 }\nsteps:\n${stop('at least ${params.Treshold}')}`,
    fix: `${HEAD}parameters:\n  Threshold: { type: float, default: 0.5 }\nsteps:\n${stop('at least ${params.Threshold}')}`,
  },
  SMP3003: {
    explain: 'A var that the spec does not declare under vars:, named in ${vars.NAME}, a vars file or --set. Only declared vars may be set, so a typo is an error instead of a value silently ignored.',
    example: `${HEAD}vars: { region: us-east-1 }\nsteps:\n${stop('in ${vars.regoin}')}`,
    fix: `${HEAD}vars: { region: us-east-1 }\nsteps:\n${stop('in ${vars.region}')}`,
  },
  SMP3004: {
    explain: 'A var declared with no value (null) is used, and neither a vars file nor --set gives it one. Each such var is reported once, at its first use. smpipe graph needs no vars.',
    example: `${HEAD}vars: { region: null }\nsteps:\n${stop('in ${vars.region}')}`,
    fix: `${HEAD}vars: { region: null }\nsteps:\n${stop('in ${vars.region}')}`,
    set: { fix: ['region=us-east-1'] },
  },
  SMP3005: {
    explain: 'An expression or dependsOn names a step that does not exist (step names are the keys under steps:).',
    example: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prepare.outputs.data}')}`,
    fix: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
  },
  SMP3006: {
    explain: 'steps.S.outputs.NAME (or metrics.NAME) names an output the step does not declare.',
    example: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.dat}')}`,
    fix: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
  },
  SMP3007: {
    explain: 'steps.S.reports.NAME names a report (a JSON property file) the step does not declare under reports:.',
    example: `${HEAD}steps:\n${PREP}    reports: { summary: { output: data, file: summary.json } }\n${stop('${steps.Prep.reports.summry.rows}')}`,
    fix: `${HEAD}steps:\n${PREP}    reports: { summary: { output: data, file: summary.json } }\n${stop('${steps.Prep.reports.summary.rows}')}`,
  },
  SMP3008: {
    explain: 'steps.S.properties.PATH must follow the step\'s Describe* response (DescribeProcessingJob, DescribeTrainingJob, …) as shipped in the AWS SDK models; a member that does not exist there would fail only when the pipeline runs.',
    example: `${HEAD}steps:\n${PREP}${stop('${steps.Prep.properties.ProcessingJobStatu}')}`,
    fix: `${HEAD}steps:\n${PREP}${stop('${steps.Prep.properties.ProcessingJobStatus}')}`,
  },
  SMP3009: {
    explain: '${execution.NAME} names none of the execution variables: id, arn, pipelineName, pipelineArn, currentDateTime, startDateTime, processingJobName, trainingJobName.',
    example: `${HEAD}steps:\n${stop('in ${execution.pipelineNmae}')}`,
    fix: `${HEAD}steps:\n${stop('in ${execution.pipelineName}')}`,
  },
  SMP3010: {
    explain: 'An expression\'s type does not fit where it stands: a string parameter as an instance count, text in a number field, > or < between strings.',
    example: `${HEAD}parameters:\n  Count: { type: string, default: "1" }\nsteps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge, count: "\${params.Count}" }\n`,
    fix: `${HEAD}parameters:\n  Count: { type: integer, default: 1 }\nsteps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge, count: "\${params.Count}" }\n`,
  },
  SMP3011: {
    explain: 'The field needs its value when the spec is compiled (names, display names, tags, local paths), but the expression is known only when the pipeline runs (a parameter, a step property, an execution variable). Use a var there.',
    example: `${HEAD}parameters:\n  Note: { type: string, default: hi }\nsteps:\n  Stop:\n    kind: fail\n    displayName: "\${params.Note}"\n    message: stopped\n`,
    fix: `${HEAD}vars: { note: hi }\nsteps:\n  Stop:\n    kind: fail\n    displayName: "\${vars.note}"\n    message: stopped\n`,
  },
  SMP3012: {
    explain: 'A step reads its own properties or lists itself in dependsOn: it would wait for itself forever.',
    example: `${HEAD}steps:\n${stop('stopped')}    dependsOn: [Stop]\n`,
    fix: `${HEAD}steps:\n${stop('stopped')}`,
  },
  SMP3013: {
    explain: 'steps.S.<property> names a property the step\'s kind does not expose: processing steps expose outputs, reports and properties, training steps modelArtifacts and metrics, conditions outcome, fail steps nothing.',
    example: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.output.data}')}`,
    fix: `${HEAD}steps:\n${PREP}${stop('see ${steps.Prep.outputs.data}')}`,
  },
} satisfies Explanations;
