import { HEAD } from './specs.js';
import type { Explanations } from './types.js';

/** A processing step with `extra` lines; paths are relative to the spec's folder (src/train.py and data/questions.jsonl in the examples). */
const step = (extra: string) => `  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n${extra}`;
const dlc = (region: string, name: string) => `${HEAD}vars: { region: ${region} }\nsteps:\n  Train:\n    kind: training\n    image: { dlc: ${name}, version: "2.5" }\n    instance: { type: ml.m5.xlarge }\n`;

/** SMP6xxx: local files, code folders, images. Paths resolve against the spec's folder. */
export const FILES = {
  SMP6001: {
    explain: 'code: names a folder that does not exist (relative paths start at the spec file\'s folder, whatever the working directory).',
    example: `${HEAD}steps:\n${step('    code: scr\n    entry: train.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
  SMP6002: {
    explain: 'entry: names a script that is not in the code folder, so the job would fail at start.',
    example: `${HEAD}steps:\n${step('    code: src\n    entry: trian.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
  SMP6003: {
    explain: 'A local input (file:) or a file a step reads at compile time (a worker UI template, values:) does not exist.',
    example: `${HEAD}steps:\n${step('    inputs: { questions: { file: data/question.jsonl } }\n')}`,
    fix: `${HEAD}steps:\n${step('    inputs: { questions: { file: data/questions.jsonl } }\n')}`,
  },
  SMP6004: {
    explain: 'A Deep Learning Container image ({dlc: …}) lives in a regional registry: vars.region must be set, to a Region smpipe knows the registry of. Or give the image as a full URI.',
    example: dlc('us-east-99', 'pytorch-training'),
    fix: dlc('us-east-1', 'pytorch-training'),
  },
  SMP6005: {
    explain: 'The {dlc, version, python} image names a Deep Learning Container, version or Python build smpipe\'s table does not list. The hint lists what is there.',
    example: dlc('us-east-1', 'pytorch-trainig'),
    fix: dlc('us-east-1', 'pytorch-training'),
  },
  SMP6006: {
    explain: 'A value where an S3 location belongs is not an s3://bucket/prefix URI.',
    example: `${HEAD}steps:\n${step('    inputs: { raw: "https://my-bucket.s3.amazonaws.com/data" }\n')}`,
    fix: `${HEAD}steps:\n${step('    inputs: { raw: "s3://my-bucket/data" }\n')}`,
  },
} satisfies Explanations;
