/** `smpipe run`'s help, apart from its code so `smpipe --help` does not load the runner. */
export const RUN_HELP = {
  summary: 'run a compiled pipeline (or a spec) on this machine, as SageMaker would run it',
  usage: `smpipe run SPEC|DIR [--vars FILE] [--set KEY=VALUE]... [--param NAME=VALUE]... [--from STEP]
    [--backend process|docker] [--labels FILE | --simulate-labels [N]] [--callback STEP=FILE]...
    [--lambda STEP=FILE]... [--step-outputs STEP=FILE]... [--python PATH] [--local-dir DIR]

Runs every step of DIR (a folder written by smpipe compile: definition.json, manifest.json,
assets/) with SageMaker's runtime contract: processing and training jobs as the containers and
the training toolkit run them, with /opt/ml where jobs expect it; tuning jobs as training jobs
over the ranges; batch transforms through a script-mode model's inference script; conditions,
fail, callback, lambda, model, register-model, endpoint-config and endpoint steps. Steps that
exist only in AWS (Clarify and quality checks, EMR, EMR Serverless, AutoML, notebook jobs) need
--step-outputs, else nothing runs. A SPEC is compiled to
build/<pipeline> first. s3://bucket/key is the file .smpipe/local/s3/bucket/key; each step's
log and job folder are under .smpipe/local/runs/<run id>/<step>/. Exit status: 0 succeeded,
1 a step or a Fail step failed (or the definition cannot run here), 2 usage, 130 stopped (Ctrl-C).

  --vars FILE, --set KEY=VALUE   compile-time vars, when SPEC is a spec file
  --param NAME=VALUE     a pipeline parameter for this run (repeatable)
  --from STEP            run STEP and what follows it; reuse the other steps from the latest run
  --backend B            process (default: jobs run here, with --python) or docker (the step's image)
  --labels FILE          answer ground-truth steps with this Ground Truth output manifest
  --simulate-labels [N]  answer ground-truth steps with N seeded simulated workers (default: the
                         step's workers per item); they prefer shorter answers
  --callback STEP=FILE   answer a callback step with the output parameters in FILE (JSON)
  --lambda STEP=FILE     run a lambda step with FILE: handler.mjs|.js|.cjs[#name], handler.py[:name],
                         or result.json
  --step-outputs STEP=FILE  answer an AWS-only step with its properties in FILE (JSON), as a real
                         run reported them
  --python PATH          base interpreter of the process backend (default: SMPIPE_LOCAL_PYTHON or
                         python3); each requirements.txt gets a cached environment on top of it
  --local-dir DIR        where local S3, runs, cache and registry live (default: .smpipe/local)`,
};
