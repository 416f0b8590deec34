import type { Explanations } from './types.js';

/** SMP2xxx: the spec's shape (schema/smpipe-spec.schema.json). */
export const SCHEMA = {
  SMP2001: {
    explain: 'A field the spec schema does not know, usually a typo or a field of another step kind. Raw SageMaker API fields go under arguments:, which is checked against the API instead.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    mesage: stopped\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n',
  },
  SMP2002: {
    explain: 'A field the step kind (or the spec) cannot do without is missing: a fail step needs message, a training step image and instance, every spec pipeline and steps.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n',
  },
  SMP2003: {
    explain: 'The value has the wrong type (a list where a mapping belongs, text where a number belongs) or matches none of the forms the field accepts; the hint lists them.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n    dependsOn: Other\n  Other:\n    kind: fail\n    message: other\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n    dependsOn: [Other]\n  Other:\n    kind: fail\n    message: other\n',
  },
  SMP2004: {
    explain: 'The value is not one of the allowed values (a parameter type, a retry preset, an S3 upload mode), or does not match the required pattern (a name, a cache duration such as P30D).',
    example: 'pipeline: demo\nparameters:\n  Note: { type: text, default: hi }\nsteps:\n  Stop:\n    kind: fail\n    message: "${params.Note}"\n',
    fix: 'pipeline: demo\nparameters:\n  Note: { type: string, default: hi }\nsteps:\n  Stop:\n    kind: fail\n    message: "${params.Note}"\n',
  },
  SMP2005: {
    explain: 'A number, length or item count is out of range, or a number cannot be stored exactly: JSON (and so a SageMaker definition) has no NaN or infinity, and integers beyond 2^53 would be silently rounded. Quote such a value to keep it as text.',
    example: 'pipeline: demo\nparameters:\n  Seed: { type: integer, default: 123456789012345678901 }\nsteps:\n  Stop:\n    kind: fail\n    message: "seed ${params.Seed}"\n',
    fix: 'pipeline: demo\nparameters:\n  Seed: { type: integer, default: 1234567890123 }\nsteps:\n  Stop:\n    kind: fail\n    message: "seed ${params.Seed}"\n',
  },
  SMP2006: {
    explain: 'kind: names no step kind smpipe knows. The hint suggests the closest; the README\'s step kinds table lists them all.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fial\n    message: stopped\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n',
  },
  SMP2007: {
    explain: 'Fields that only make sense together, or never together: code with entry, spot with spot.maxWait, a KMS key on an instance type with local storage.',
    example: 'pipeline: demo\nartifacts: s3://my-bucket/smpipe\nsteps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    role: arn:aws:iam::111122223333:role/SageMaker\n    entry: prep.py\n',
    fix: 'pipeline: demo\nartifacts: s3://my-bucket/smpipe\nsteps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    role: arn:aws:iam::111122223333:role/SageMaker\n    code: src\n    entry: train.py\n',
  },
} satisfies Explanations;
