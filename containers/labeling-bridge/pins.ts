import type { CreateLabelingJobRequest } from '@aws-sdk/client-sagemaker';
import type { BridgeConfig } from './config.js';
import { fieldAt } from './request.js';

/**
 * The bridge is a deputy: it creates labeling jobs under the labeling role for whoever can send
 * to its queue. So a request may name only what the bridge was deployed for. IAM enforces the
 * work team too (sagemaker:WorkteamArn on CreateLabelingJob, stack.yaml) and the role
 * (iam:PassRole), but CreateLabelingJob has no condition key for Lambdas or S3 locations (Service
 * Authorization Reference, "Actions defined by Amazon SageMaker AI": CreateLabelingJob's keys are
 * sagemaker:WorkteamArn, sagemaker:WorkteamType, sagemaker:VolumeKmsKey, sagemaker:OutputKmsKey,
 * aws:RequestTag/${TagKey}, aws:TagKeys —
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html),
 * so those checks live here. Each refusal names the field, the value and what would be allowed.
 * The request has passed the API-shape check (request.ts), so every field is where the model says.
 */
export function refusals(request: CreateLabelingJobRequest, config: BridgeConfig): string[] {
  const human = request.HumanTaskConfig;
  const found: string[] = [];
  // The reason names the field, its value and the deploy flag that would allow it: FailureReason
  // holds 256 characters, so the allowed values themselves go to the log, not the reason.
  const pin = (field: string, value: string | undefined, allowed: readonly string[], what: string) => {
    if (!allowed.includes(value ?? '')) found.push(`${field} ${quote(value)} is not ${what}`);
  };
  pin('HumanTaskConfig.WorkteamArn', human?.WorkteamArn, config.workteamArns, 'a work team the bridge was deployed for (--workteam-arn)');
  pin('HumanTaskConfig.PreHumanTaskLambdaArn', human?.PreHumanTaskLambdaArn, config.lambdaArns, 'a Lambda the bridge was deployed for (its own, --lambda-arn)');
  pin('HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn', human?.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn, config.lambdaArns, 'a Lambda the bridge was deployed for (its own, --lambda-arn)');
  pin('RoleArn', request.RoleArn, [config.labelingRoleArn].filter(Boolean), 'the labeling role the bridge was deployed with (--labeling-role-arn)');
  found.push(...locationRefusals(request, config.artifacts));
  for (const [path, why] of UNSUPPORTED) if (fieldAt(request, path) !== undefined) found.push(`${path.join('.')}: ${why}`);
  return found;
}

/**
 * The S3 locations a labeling job reads and writes (every S3 URI member of CreateLabelingJobRequest;
 * the API-shape check in request.ts refuses members the model does not have). Each must be under
 * the deploy-time artifacts prefix. SageMaker's S3Uri pattern also takes https://, which is
 * refused, and so is a "." or ".." segment, which some clients resolve and S3 does not.
 */
const LOCATIONS: readonly string[][] = [
  ['InputConfig', 'DataSource', 'S3DataSource', 'ManifestS3Uri'],
  ['OutputConfig', 'S3OutputPath'],
  ['HumanTaskConfig', 'UiConfig', 'UiTemplateS3Uri'],
  ['LabelCategoryConfigS3Uri'],
];

/** Members that would take the job outside what the bridge was deployed for. */
const UNSUPPORTED: readonly [string[], string][] = [
  // A worker UI that is not a file under the prefix: workers would see someone else's page.
  [['HumanTaskConfig', 'UiConfig', 'HumanTaskUiArn'], 'the worker UI must be a template under the artifacts prefix (UiTemplateS3Uri)'],
  // A streaming job (SNS in, SNS out) never ends by itself, so the step could never be answered;
  // an output topic would also receive every label.
  [['InputConfig', 'DataSource', 'SnsDataSource'], 'streaming labeling jobs are not supported'],
  [['OutputConfig', 'SnsTopicArn'], 'streaming labeling jobs are not supported'],
  // Automated labeling starts training jobs in a VPC of the message's choosing; custom tasks cannot use it anyway.
  [['LabelingJobAlgorithmsConfig'], 'automated data labeling is not supported'],
];

function locationRefusals(request: CreateLabelingJobRequest, artifacts: string): string[] {
  const found: string[] = [];
  for (const path of LOCATIONS) {
    const value = fieldAt(request, path);
    if (value === undefined) continue;
    const uri = String(value);
    const dotted = uri.split('/').slice(3).some((segment) => segment === '.' || segment === '..');
    if (!artifacts || !uri.startsWith(artifacts) || dotted) found.push(`${path.join('.')} ${quote(uri)} is not under ${artifacts || '(no artifacts prefix was given)'}`);
  }
  return found;
}

/** A value for a message: quoted, and short (FailureReason holds 256 characters). */
function quote(value: string | undefined): string {
  if (value === undefined) return '(missing)';
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

/** The pipeline an execution ARN names, when it is not one the bridge was deployed for. */
export function pipelineRefusal(executionArn: string, config: BridgeConfig): string | undefined {
  const name = /:pipeline\/([^/]+)\/execution\//.exec(executionArn)?.[1] ?? '';
  if (config.pipelines.includes(name.toLowerCase())) return undefined;
  return `pipeline ${quote(name)} is not a pipeline the bridge was deployed for (--pipeline)`;
}
