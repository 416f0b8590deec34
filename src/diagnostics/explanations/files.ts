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
  SMP6007: {
    explain: 'code:, a local input file:, values: and template: must lie inside the project (the git work tree that holds the spec, else the spec\'s folder; links are followed first), so a stray ../ cannot pack a credentials folder for upload or render it into the labelers\' page. Paths outside are read only when listed under localFiles.allowOutside.',
    example: `${HEAD}steps:\n${step('    code: ..\n    entry: train.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
  SMP6008: {
    explain: 'The files of one code folder add up to more than localFiles.maxArchiveMiB (default 256 MiB) before compression. Code archives are uploaded and unpacked for every job; data and model weights belong in S3. The message names the largest files.',
    example: `${HEAD}localFiles: { maxArchiveMiB: 0.00001 }\nsteps:\n${step('    code: src\n    entry: train.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
  SMP6010: {
    explain: 'A file packed into a code archive holds a secret (an AWS access key id, a Hugging Face token, a private key): the archive is uploaded to S3 where every job role can read it. The message names the file and line, never the secret. Keep secrets in Secrets Manager, and list files such as .env in the code folder\'s .smpipeignore.',
    example: `${HEAD}steps:\n${step('    code: leaky\n    entry: train.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
  SMP6011: {
    explain: 'A code folder cannot be packed deterministically: a broken or looping symbolic link, an unreadable file, a path too long for a tar archive, or a file that changed while it was being packed.',
    example: `${HEAD}steps:\n${step('    code: broken\n    entry: train.py\n')}`,
    fix: `${HEAD}steps:\n${step('    code: src\n    entry: train.py\n')}`,
  },
} satisfies Explanations;
