import { AWS_FLAGS_PLAIN } from './flags.js';

/** `smpipe import` and `smpipe check` help, apart from their code so `smpipe --help` loads neither. */
export const IMPORT_HELP = {
  summary: 'turn a pipeline definition (a file, or a deployed pipeline) into a spec that compiles back to it',
  usage: `smpipe import DEFINITION.json|PIPELINE_NAME [--out SPEC.yaml] [--name NAME] [--profile NAME] [--region REGION]

Reads a pipeline definition (what the SageMaker Python SDK's pipeline.definition() prints, a
definition.json, or with a PIPELINE_NAME the deployed pipeline, through DescribePipeline) and
writes a spec: each step as its kind with typed fields where they fit, arguments: for what they
cannot say, and the raw step kind (type:, arguments:, envelope:) for a step no kind takes;
expressions back to \${...}; code archives kept by their S3 URIs. The spec is compiled before it
is written, and compiling it gives the definition's Parameters and Steps (SMP8009 names anything
that differs). smpipe's checks of the imported spec are printed too. Two steps of one name
are refused (SMP8008). Exit status: 0 written, 1 not a definition smpipe can read, or the spec
has errors, 2 usage (a file that does not exist included).

  --out FILE       write the spec here (default: standard output); an existing file is replaced
                   only when smpipe import wrote it (SMP8010)
  --name NAME      the spec's pipeline: name (default: the deployed pipeline's, or the file's name)
${AWS_FLAGS_PLAIN}`,
};

export const CHECK_HELP = {
  summary: 'check any pipeline definition: schema, API shapes, references, cycles, cache safety',
  usage: `smpipe check DEFINITION.json [--format text|json]

Runs the checks that need no spec on a pipeline definition, whoever wrote it (the SDK, another
tool, smpipe compile): AWS's definition schema as smpipe corrects it (SMP8006), each job step's
Arguments against its SageMaker API request shape (SMP8001-SMP8005), references to parameters,
execution variables, steps, property paths, property files and output parameters (SMP3002,
SMP3005-SMP3009, SMP3012), unique step names (SMP8008), cycles and condition-branch rules
(SMP4001-SMP4003), and cache safety (SMP4007, SMP4008). Findings print as
DEFINITION.json:line:col. Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage (a
file that does not exist included).

  --format F       diagnostics as text (default) or json`,
};
