import type { Explanations } from './types.js';

const situation = (explain: string, example: string, fix: string) => ({ explain, example, fix, situation: true as const });

/** SMP95xx: the local runner (smpipe run). Reported before any step starts, except SMP9510. */
export const RUN = {
  SMP9501: situation(
    'A Get, Std:Join or Std:JsonGet in definition.json names a property path the local runner cannot resolve. Checked for every step before anything runs, and reported at definition.json:line:col.',
    'A definition edited by hand (or imported) that reads Steps.Train.ModelArtifacts.S3Uri, which no Describe* response has.',
    'Use the path the compiler emits (${steps.Train.modelArtifacts} → Steps.Train.ModelArtifacts.S3ModelArtifacts) and compile again.',
  ),
  SMP9502: situation(
    'The definition holds a step Type the local runner does not execute.',
    'smpipe run on a definition with a step of a type smpipe run does not know yet.',
    'Run the pipeline on SageMaker (smpipe upsert, smpipe start), or use --from to start after that step with results from an earlier local run.',
  ),
  SMP9503: situation(
    'A step reads an S3 object that is neither an asset of the compiled folder nor the output of an earlier local step, and no AWS credentials are configured to fetch it.',
    'smpipe run on a spec whose processing input is s3://data-bucket/raw/customers.csv, on a machine without AWS credentials.',
    'Put the file into the local S3 folder the message names (.smpipe/local/s3/<bucket>/<key>), make it a local file: input, or configure AWS credentials so it is fetched once.',
  ),
  SMP9504: situation(
    'A callback or ground-truth step waits for an answer that only a person or another system gives on SageMaker; locally it needs one from the command line.',
    'smpipe run pipeline-specs/llama3-dpo.yaml without --labels or --simulate-labels.',
    'Pass --simulate-labels 3 (seeded simulated workers), --labels OUTPUT_MANIFEST (a real Ground Truth output), or --callback STEP=outputs.json.',
  ),
  SMP9505: situation(
    'A Lambda step calls a function in AWS; locally it needs a handler or its outputs.',
    'smpipe run on a spec with a lambda step and no --lambda.',
    'Pass --lambda STEP=handler.mjs (or a .py handler), or --lambda STEP=outputs.json with the function\'s output parameters.',
  ),
  SMP9506: situation(
    '--callback, --lambda or --from names a step the definition does not have, or one of another type.',
    'smpipe run spec.yaml --callback Train=outputs.json, where Train is a training step.',
    'Name a step of the right type; the message lists them.',
  ),
  SMP9507: situation(
    '--from STEP reuses every step before STEP from the latest local run, so that run must exist and those steps must have succeeded in it.',
    'smpipe run spec.yaml --from Evaluate before any local run, or after one in which TrainDPO failed.',
    'Run the pipeline once without --from, or choose a step whose predecessors succeeded.',
  ),
  SMP9508: situation(
    '--backend docker runs each job in its real image and needs a running Docker engine.',
    'smpipe run spec.yaml --backend docker on a machine with the docker client but no engine.',
    'Start Docker (or point DOCKER_HOST at an engine), or use the default process backend.',
  ),
  SMP9510: situation(
    'An S3 input that is not on this machine could not be fetched from AWS (access denied, missing object, timeout).',
    'smpipe run with credentials that may not s3:GetObject the input\'s bucket.',
    'Fix the permission or the URI the message names, or place the file in the local S3 folder by hand.',
  ),
  SMP9511: situation(
    'A local answer file is not what its step needs: --labels must be a Ground Truth output manifest (JSON Lines), --callback and --lambda outputs a JSON object of output parameters.',
    'smpipe run spec.yaml --labels answers.csv, or --callback Review=outputs.json where outputs.json is a list.',
    'Give the file in the format the message names (see "Run it locally" in the README).',
  ),
} satisfies Explanations;
