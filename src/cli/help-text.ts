/**
 * Summaries and usage of the commands that talk to AWS. Kept apart from the commands so
 * `smpipe --help` and `smpipe compile` start without loading the AWS SDK.
 */
export const AWS_FLAGS = `  --profile NAME   AWS profile (else AWS_PROFILE, env credentials, SSO, container or instance role)
  --region REGION  AWS region (else the compiled folder's or the ARN's, AWS_REGION, the profile's)
  --connect-timeout S  seconds to establish a connection (default 10; SMPIPE_CONNECT_TIMEOUT)
  --request-timeout S  seconds AWS may stay silent before a request is retried (default 60;
                   SMPIPE_REQUEST_TIMEOUT); attempts: AWS_MAX_ATTEMPTS (default 6)`;

export const SPEC_FLAGS = `  --vars FILE      YAML file of compile-time vars (keys must be declared under vars:)
  --set KEY=VALUE  set one var (repeatable; wins over --vars)`;

/** For the commands that take a spec or a compiled folder. */
export const TARGET_FLAGS = `${SPEC_FLAGS}
  --out DIR        where a SPEC's compiled folder is written (default build/<pipeline>)`;

const TARGET_TEXT = `SPEC is compiled first, exactly as smpipe compile does, to build/<pipeline>/ (or --out), and
that folder is what is deployed; a FOLDER written by smpipe compile is deployed as it is, after
its files are checked against the sha256 sums in its manifest.json (SMP9014 if one changed).`;

const VERIFY_FLAG = '  --verify-assets  HeadObject every asset, also those the deployed definition already uses';

export const POLL_FLAG = '  --poll-interval S  first wait between polls in seconds (default 2; grows to 30 while nothing changes)';

export const HELP = {
  plan: {
    summary: 'show what upsert would change: steps, settings, tags, uploads',
    usage: `smpipe plan SPEC|FOLDER [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--verify-assets]
            [--profile NAME] [--region REGION]

Reads the deployed pipeline (DescribePipeline, then ListTags) and the S3 objects of the assets
the deployed definition does not already use (HeadObject), and prints the differences: steps
added, removed and changed (with each changed field as a path, old → new), pipeline settings,
tags and the uploads upsert would make. Writes nothing to AWS. Exit status: 0 nothing to do,
2 changes, 1 error.

${TARGET_TEXT}

${TARGET_FLAGS}
${VERIFY_FLAG}
${AWS_FLAGS}`,
  },
  upsert: {
    summary: 'upload assets, then create or update the pipeline (nothing when unchanged)',
    usage: `smpipe upsert SPEC|FOLDER [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--verify-assets]
              [--profile NAME] [--region REGION]

Uploads every missing asset to its content-addressed S3 key first, then calls CreatePipeline
(absent), UpdatePipeline (definition or settings changed) or nothing (unchanged: compared as
key-sorted JSON), then converges tags (AddTags/DeleteTags). An unchanged pipeline costs two
requests (DescribePipeline, ListTags). Definitions over 1 MiB go through S3
(PipelineDefinitionS3Location). Prints the pipeline ARN and console link.

Interrupted (Ctrl-C, SIGTERM), it aborts its multipart uploads and exits 130 / 143. Before it
uploads, it aborts multipart uploads of smpipe's own asset keys under the artifacts prefix that
have been idle for an hour (SMPIPE_STALE_UPLOAD_MINUTES), such as those of a killed upsert.

${TARGET_TEXT}

${TARGET_FLAGS}
${VERIFY_FLAG}
${AWS_FLAGS}`,
  },
  start: {
    summary: 'start an execution with checked parameters; --wait follows it',
    usage: `smpipe start SPEC|FOLDER|NAME [--param NAME=VALUE]... [--display-name NAME] [--description TEXT] [--wait]
             [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--profile NAME] [--region REGION]

With a SPEC (a .yaml file, compiled to its folder first) or a compiled FOLDER, the parameter
names, types and allowed values are checked against its manifest before any AWS call; with a
pipeline NAME, against the deployed definition. A value holding a secret (an AWS access key id,
a Hugging Face token, a private key) is refused (SMP7001, SMP7003, SMP7004): anyone who can
describe the execution reads its parameters; pass a Secrets Manager ARN instead. Prints the
execution ARN and console link.

  --param NAME=VALUE  pipeline parameter (repeatable); unset ones take their default
  --display-name N    execution display name (letters, digits, hyphens; up to 82)
  --description TEXT  execution description
  --wait              follow the execution like smpipe watch; exit 0 succeeded, 1 failed or stopped
${POLL_FLAG}
${TARGET_FLAGS}
${AWS_FLAGS}`,
  },
  watch: {
    summary: 'follow an execution step by step until it ends (exit 0 succeeded, 1 failed or stopped)',
    usage: `smpipe watch EXECUTION_ARN [--poll-interval S] [--profile NAME] [--region REGION]

Polls DescribePipelineExecution and ListPipelineExecutionSteps and shows each step's status,
start time, duration, job ARN and failure reason: redrawn in place on a terminal, one line
per change otherwise. The region defaults to the one in the ARN.

${POLL_FLAG}
${AWS_FLAGS}`,
  },
  executions: {
    summary: 'list the recent executions of a pipeline, newest first',
    usage: `smpipe executions SPEC|FOLDER|NAME [--limit N] [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

  --limit N        how many (default 20, at most 100)
${TARGET_FLAGS}
${AWS_FLAGS}`,
  },
  stop: {
    summary: 'stop a running execution; --wait follows it until it has stopped',
    usage: `smpipe stop EXECUTION_ARN [--wait] [--profile NAME] [--region REGION]

  --wait           follow the execution until it ends (exit 0 only if it succeeded anyway)
${POLL_FLAG}
${AWS_FLAGS}`,
  },
} as const;

export const LABELING_DEPLOY_USAGE = `smpipe labeling deploy --stack-name NAME --bucket BUCKET --labeling-role-arn ARN
    --workteam-arn ARN... --pipeline NAME... [--lambda-arn ARN...]
    [--pipeline-role-arn ARN] [--prefix smpipe/] [--bundle FILE] [--profile NAME] [--region REGION]

Deploys the Ground Truth labeling bridge (containers/labeling-bridge/stack.yaml): the SQS queue
the ground-truth steps send to, its dead-letter queue, the Lambdas and their least-privilege
roles, the EventBridge rule and the sweep schedule. Uploads the bundle (make bridge) to
s3://BUCKET/<prefix>labeling-bridge/<sha256>/bridge.zip, creates or updates the stack, waits,
and prints the outputs to put in your vars file.

Anyone who may send to the queue could otherwise choose the job: the bridge creates labeling
jobs only with the work teams, Lambdas (its own two and --lambda-arn), labeling role and S3
prefix given here, for the pipelines given here, and answers only those pipelines' steps; a
message asking for anything else fails its step with the reason. Deploy again to change them.

  --stack-name NAME         CloudFormation stack name (also the functions' name prefix)
  --bucket BUCKET           the smpipe artifacts bucket (vars.bucket): code zip, manifests, outputs
  --labeling-role-arn ARN   the role Ground Truth assumes (vars.labelingRoleArn)
  --workteam-arn ARN        a work team labeling jobs may use (vars.workteamArn); repeatable
  --pipeline NAME           a pipeline (its \`pipeline:\` name) the bridge serves; repeatable
  --lambda-arn ARN          optional: another pre-annotation/consolidation Lambda jobs may use; repeatable
  --pipeline-role-arn ARN   optional: let this pipeline role send to the queue (queue policy)
  --prefix PREFIX           key prefix for manifests, worker UIs and outputs (default smpipe/)
  --bundle FILE             default build/labeling-bridge/index.mjs
${AWS_FLAGS}`;
