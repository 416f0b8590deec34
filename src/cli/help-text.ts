/**
 * Summaries and usage of the commands that talk to AWS. Kept apart from the commands so
 * `smpipe --help` and `smpipe compile` start without loading the AWS SDK.
 */
export const AWS_FLAGS = `  --profile NAME   AWS profile (else AWS_PROFILE, env credentials, SSO, container or instance role)
  --region REGION  AWS region (else AWS_REGION or the profile's region)`;

export const SPEC_FLAGS = `  --vars FILE      YAML file of compile-time vars (keys must be declared under vars:)
  --set KEY=VALUE  set one var (repeatable; wins over --vars)`;

export const POLL_FLAG = '  --poll-interval S  first wait between polls in seconds (default 2; grows to 30 while nothing changes)';

export const HELP = {
  plan: {
    summary: 'show what upsert would change: steps, settings, tags, uploads',
    usage: `smpipe plan SPEC [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

Compiles SPEC, reads the deployed pipeline (DescribePipeline, ListTags) and the assets' S3
objects (HeadObject), and prints the differences: steps added, removed and changed (with
each changed field as a path, old → new), pipeline settings, tags and the uploads upsert
would make. Writes nothing. Exit status: 0 nothing to do, 2 changes, 1 error.

${SPEC_FLAGS}
${AWS_FLAGS}`,
  },
  upsert: {
    summary: 'upload assets, then create or update the pipeline (nothing when unchanged)',
    usage: `smpipe upsert SPEC [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

Uploads every missing asset to its content-addressed S3 key first, then calls CreatePipeline
(absent), UpdatePipeline (definition or settings changed) or nothing (unchanged: compared as
key-sorted JSON), then converges tags (AddTags/DeleteTags). Definitions over 1 MiB go through
S3 (PipelineDefinitionS3Location). Prints the pipeline ARN and console link.

${SPEC_FLAGS}
${AWS_FLAGS}`,
  },
  start: {
    summary: 'start an execution with checked parameters; --wait follows it',
    usage: `smpipe start SPEC|NAME [--param NAME=VALUE]... [--display-name NAME] [--description TEXT] [--wait]
             [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

With a SPEC (a .yaml file) the parameter names, types and allowed values are checked against
its parameters: before any AWS call. With a pipeline NAME they are checked against the
deployed definition. Prints the execution ARN and console link.

  --param NAME=VALUE  pipeline parameter (repeatable); unset ones take their default
  --display-name N    execution display name (letters, digits, hyphens; up to 82)
  --description TEXT  execution description
  --wait              follow the execution like smpipe watch; exit 0 succeeded, 1 failed or stopped
${POLL_FLAG}
${SPEC_FLAGS}
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
    usage: `smpipe executions SPEC|NAME [--limit N] [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

  --limit N        how many (default 20, at most 100)
${SPEC_FLAGS}
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
