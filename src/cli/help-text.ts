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

const NO_PREFLIGHT_FLAG = '  --no-preflight   skip the checks of smpipe preflight (quotas, roles, bucket, queues, work teams, Lambdas, secrets)';

export const HELP = {
  plan: {
    summary: 'show what upsert would change: steps, settings, tags, uploads',
    usage: `smpipe plan SPEC|FOLDER [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--verify-assets]
            [--profile NAME] [--region REGION]

Reads the deployed pipeline (DescribePipeline, then ListTags) and the S3 objects of the assets
the deployed definition does not already use (HeadObject), and prints the differences: steps
added, removed and changed (with each changed field as a path, old → new), pipeline settings,
tags and the uploads upsert would make; then, offline, which steps the next execution reuses
from the cache ("reused (key unchanged)", or why one runs: "HyperParameters.beta changed"), and
the worst-case cost of one execution (MaxRuntime × instances × the price table of
src/deploy/prices.ts). Writes nothing to AWS. Exit status: 0 nothing to do, 2 changes, 1 error.

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
When the pipeline is to be created or changed, smpipe preflight runs first: an error stops the
upsert before anything is written.

${TARGET_TEXT}

${TARGET_FLAGS}
${VERIFY_FLAG}
${NO_PREFLIGHT_FLAG}
${AWS_FLAGS}`,
  },
  start: {
    summary: 'start an execution with checked parameters; --wait follows it',
    usage: `smpipe start SPEC|FOLDER|NAME [--param NAME=VALUE]... [--display-name NAME] [--description TEXT] [--wait]
             [--from STEP]... [--reference EXECUTION] [--version N] [--no-preflight]
             [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--profile NAME] [--region REGION]

With a SPEC (a .yaml file, compiled to its folder first) or a compiled FOLDER, the parameter
names, types and allowed values are checked against its manifest before any AWS call; with a
pipeline NAME, against the deployed definition. A value holding a secret (an AWS access key id,
a Hugging Face token, a private key) is refused (SMP7001, SMP7003, SMP7004): anyone who can
describe the execution reads its parameters; pass a Secrets Manager ARN instead. Then smpipe
preflight runs (for the instance types these parameters pick): an error stops the start. Prints
the execution ARN and console link.

--from STEP re-runs STEP and every step downstream of it (a selective execution); the steps they
read are reused from the reference execution: --reference (an execution ARN or its id; Succeeded
or Failed), by default the latest Succeeded one. --version N runs version N of the deployed
pipeline (PipelineVersionId); parameters are then checked against that version's definition.

  --param NAME=VALUE  pipeline parameter (repeatable); unset ones take their default
  --from STEP         run only STEP and the steps downstream of it (repeatable)
  --reference EXEC    the execution --from reuses the other steps from (default: latest Succeeded)
  --version N         the pipeline version to run (default: the latest)
  --display-name N    execution display name (letters, digits, hyphens; up to 82)
  --description TEXT  execution description
  --wait              follow the execution like smpipe watch; exit 0 succeeded, 1 failed or stopped
${POLL_FLAG}
${NO_PREFLIGHT_FLAG}
${TARGET_FLAGS}
${AWS_FLAGS}`,
  },
  retry: {
    summary: 'retry a failed execution: its failed steps run again, the succeeded ones are kept',
    usage: `smpipe retry EXECUTION_ARN [--wait] [--poll-interval S] [--profile NAME] [--region REGION]

RetryPipelineExecution: the steps that failed run again in the same execution (same execution id
and parameters, so a training step resumes from its checkpoints); the steps that succeeded are
not run again. Only a Failed execution can be retried (SMP9039).

  --wait           follow the execution like smpipe watch; exit 0 succeeded, 1 failed or stopped
${POLL_FLAG}
${AWS_FLAGS}`,
  },
  logs: {
    summary: 'print the CloudWatch logs of an execution\'s jobs; --follow keeps printing until it ends',
    usage: `smpipe logs EXECUTION_ARN [STEP] [--follow] [--poll-interval S] [--profile NAME] [--region REGION]

Finds each step's job in ListPipelineExecutionSteps and prints its log events from
/aws/sagemaker/TrainingJobs, ProcessingJobs or TransformJobs (every instance's stream), oldest
first, as [Step] line. STEP limits it to one step (SMP9035 if the pipeline has no such step
in this execution, SMP9036 if it runs no job: callbacks, conditions, lambdas, models).
--follow keeps reading, including steps that start later, until the execution ends.
Needs logs:FilterLogEvents on those log groups.

  --follow         keep printing new lines until the execution ends
${POLL_FLAG}
${AWS_FLAGS}`,
  },
  preflight: {
    summary: 'check what a run needs before it costs: quotas, roles, bucket, queues, teams, Lambdas, secrets; worst-case cost',
    usage: `smpipe preflight SPEC|FOLDER|NAME [--param NAME=VALUE]... [--vars FILE] [--set KEY=VALUE]... [--out DIR]
                 [--profile NAME] [--region REGION]

Looks up, read-only, what only AWS knows: the Service Quotas of every instance type × count the
pipeline can use (every value an instance-type parameter allows; training, spot training,
processing, endpoint and transform usage), that each role exists and trusts
sagemaker.amazonaws.com, the artifacts bucket's region, and that the SQS queues, Ground Truth
work teams, Lambdas and Secrets Manager secrets named in the definition exist; and whether
SageMaker Experiments exists in the region. Each finding has a code and a fix. Lacking
permission to look something up is a warning (SMP9038), never a failure. Then the worst-case
cost of one execution. upsert (when it changes the pipeline) and start run it too.
Exit status: 0 no errors (warnings allowed), 1 errors.

  --param NAME=VALUE  check the instance types a run with these parameters gets (repeatable)
${TARGET_FLAGS}
${AWS_FLAGS}`,
  },
  watch: {
    summary: 'follow an execution step by step until it ends (exit 0 succeeded, 1 failed or stopped)',
    usage: `smpipe watch EXECUTION_ARN [--poll-interval S] [--profile NAME] [--region REGION]

Polls DescribePipelineExecution and ListPipelineExecutionSteps and shows each step's status
(with "cache hit from <execution>" for a step reused from the cache), start time, duration, job
ARN and failure reason: redrawn in place on a terminal, one line per change otherwise. When the
execution fails, the last 20 lines of each failed job's CloudWatch log follow. The region
defaults to the one in the ARN.

${POLL_FLAG}
${AWS_FLAGS}`,
  },
  executions: {
    summary: 'list the recent executions of a pipeline, newest first',
    usage: `smpipe executions SPEC|FOLDER|NAME [--limit N] [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

Under each execution, the steps it took from the cache (CacheHitResult) or from the reference
execution of a selective run (SelectiveExecutionResult), and from which execution.

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
