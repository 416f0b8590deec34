import { HEAD, stop } from './specs.js';
import type { Explanations } from './types.js';

const LONG_ARGUMENT = `--notes=${'x'.repeat(260)}`;

/** SMP5xxx: names and SageMaker's limits. */
export const NAMES = {
  SMP5001: {
    explain: 'Step names are 1 to 64 letters, digits, "_" or "-": SageMaker uses them in property paths and job names.',
    example: `${HEAD}steps:\n  Stop here:\n    kind: fail\n    message: stopped\n`,
    fix: `${HEAD}steps:\n  Stop-here:\n    kind: fail\n    message: stopped\n`,
  },
  SMP5002: {
    explain: 'Pipeline names hold letters, digits and single hyphens, start with a letter or digit, and stay within 82 characters so the names SageMaker derives from them (jobs, experiments) stay valid.',
    example: `pipeline: demo_pipeline\nsteps:\n${stop('stopped')}`,
    fix: `pipeline: demo-pipeline\nsteps:\n${stop('stopped')}`,
  },
  SMP5003: {
    explain: 'CreateProcessingJob rejects container arguments over 256 characters. Pass long values in a file (an input) or an environment variable.',
    example: `${HEAD}steps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    args: ["${LONG_ARGUMENT}"]\n`,
    fix: `${HEAD}steps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    args: [--notes, /opt/ml/processing/input/notes]\n    inputs: { notes: { file: data/questions.jsonl } }\n`,
  },
  SMP5004: {
    explain: 'CreatePipeline takes a definition of up to 1 MiB inline. A larger one still works: smpipe upsert uploads it to S3 and passes PipelineDefinitionS3Location. A warning, so you know why the upsert writes one more object.',
    example: 'A spec with thousands of steps, or long inline text in many steps, compiles to a definition.json over 1,048,576 bytes.',
    fix: 'Nothing is required. To stay inline, move long text (descriptions, arguments) into files the jobs read, or split the pipeline.',
    situation: true,
  },
  SMP5005: {
    explain: 'Retry policies are accepted only on step types SageMaker retries (processing, training, model, register-model, endpoint-config), and each policy may name only the exception types that step type raises.',
    example: `${HEAD}steps:\n${stop('stopped')}    retry: standard\n`,
    fix: `${HEAD}steps:\n${stop('stopped')}`,
  },
  SMP5006: {
    explain: 'Caching (cache:) is accepted only on step types SageMaker caches; condition, fail, model and register-model steps are not cached.',
    example: `${HEAD}steps:\n${stop('stopped')}    cache: P1D\n`,
    fix: `${HEAD}steps:\n${stop('stopped')}`,
  },
  SMP5007: {
    explain: 'Display names are at most 256 characters and descriptions 3,072. The pipeline\'s display name also has the pipeline name\'s shape (no spaces): put prose in description:.',
    example: `${HEAD}displayName: Align Llama 3 to our values\nsteps:\n${stop('stopped')}`,
    fix: `${HEAD}displayName: Align-Llama-3\ndescription: Align Llama 3 to our values\nsteps:\n${stop('stopped')}`,
  },
  SMP5008: {
    explain: 'A parameter\'s default or enum values do not have its type, the default is not among the enum values, or the name is not a valid parameter name (a letter, then letters, digits, "_" or "-").',
    example: `${HEAD}parameters:\n  Epochs: { type: integer, default: 0.5 }\nsteps:\n${stop('epochs ${params.Epochs}')}`,
    fix: `${HEAD}parameters:\n  Epochs: { type: integer, default: 3 }\nsteps:\n${stop('epochs ${params.Epochs}')}`,
  },
} satisfies Explanations;
