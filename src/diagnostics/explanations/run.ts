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
  SMP9512: situation(
    'A step that runs only in AWS (a Clarify or Model Monitor check, EMR, EMR Serverless, AutoML, a notebook job) has no local equivalent: smpipe run needs its properties, as a real run reported them, to go on. Refused before any step runs.',
    'smpipe run on a pipeline with a quality-check step, without --step-outputs.',
    'Pass --step-outputs Quality=outputs.json with the step\'s properties (e.g. {"CalculatedBaselineStatistics": "s3://…", "CalculatedBaselineConstraints": "s3://…"}), or run the pipeline on SageMaker.',
  ),
  SMP9513: situation(
    '--step-outputs answers steps that run only in AWS; it named a step that smpipe run executes here, or no step at all. A usage error (exit 2).',
    'smpipe run spec.yaml --step-outputs Train=outputs.json, where Train is a training step.',
    'Name the check, EMR, EMR Serverless, AutoML or notebook step; steps that run here produce their own properties.',
  ),
  SMP9514: situation(
    'A batch transform the local runner cannot run: its model is not script mode (no SAGEMAKER_PROGRAM, so its image\'s own model server would answer), is not made by a model step of the pipeline, reads a manifest, or filters with a JSONPath outside $, $[i], $[i,j], $[i:j], $.key, $[\'a\',\'b\']. Refused before any step runs.',
    'smpipe run on a pipeline transforming with a TGI or DJL model (a serving image without an inference script).',
    'Give the model step SAGEMAKER_PROGRAM (and SAGEMAKER_SUBMIT_DIRECTORY) naming an inference script with model_fn, or run the transform on SageMaker.',
  ),
  SMP9515: situation(
    'A tuning job the local runner cannot run: a Grid search over numeric ranges (the service\'s Grid takes categorical ranges only), several training definitions, or training jobs that are not script mode on the process backend. Refused before any step runs.',
    'smpipe run on a tuning step with strategy: Grid and a continuous range.',
    'Use categorical values for a Grid search or another strategy; give the training definition code and entry, or run with --backend docker.',
  ),
} satisfies Explanations;
