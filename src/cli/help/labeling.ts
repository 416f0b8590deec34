/** `smpipe labeling preview|deploy`: summary and usage. */
import { AWS_FLAGS } from './flags.js';

export const PREVIEW_USAGE = `smpipe labeling preview SPEC [--vars FILE] [--set KEY=VALUE]... [--step NAME] [--sample FILE] [--out FILE]

Compiles SPEC and writes the worker UI of its ground-truth step, filled with a sample item, for
a look in a browser. Ground Truth fills the page with Liquid for every item; the preview does
the same for the few expressions smpipe's templates use (task.input.*, escape, to_json): it is a
preview, not Ground Truth. The page loads Ground Truth's crowd elements from assets.crowd.aws.

  --step NAME      the ground-truth step (default: the first one)
  --sample FILE    JSON Lines; the first line is the item: {"id", "source" or "question", "responses"}
                   (made-up responses when it has none, e.g. containers/generate/data/questions.jsonl)
  --out FILE       default build/<pipeline>/<step>.preview.html`;

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

export const LABELING_HELP = {
  summary: 'Ground Truth: preview a worker UI, deploy the labeling bridge',
  usage: `${PREVIEW_USAGE}\n\n${LABELING_DEPLOY_USAGE}`,
} as const;
