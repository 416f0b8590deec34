import type { Explanations } from './types.js';

const situation = (explain: string, example: string, fix: string) => ({ explain, example, fix, situation: true as const });

/** SMP9xxx: what AWS answered to plan, upsert, start, watch, stop and labeling deploy. */
export const DEPLOY = {
  SMP9001: situation(
    'CreatePipeline or UpdatePipeline rejected the definition (ValidationException). smpipe points at the step SageMaker names in the YAML when it can.',
    'smpipe upsert spec.yaml: a step refers to a SageMaker feature the account or Region does not have, or to a resource that no longer exists.',
    'Read the message SageMaker gave, fix the step it names, run smpipe validate, then upsert again.',
  ),
  SMP9002: situation(
    'The pipeline\'s role (defaults.role) does not exist, is not trusted by sagemaker.amazonaws.com, or the caller may not pass it (iam:PassRole).',
    'smpipe upsert with defaults.role: ${vars.roleArn} and a vars file naming a role from another account, or a role deleted since.',
    'Set roleArn to a role that exists, trusts sagemaker.amazonaws.com, and that you may pass (iam:PassRole on it).',
  ),
  SMP9003: situation(
    'An execution parameter given to smpipe start is not declared, has the wrong type, or is not one of the allowed values. Checked before any AWS call against the spec (or the deployed definition when given a pipeline name).',
    'smpipe start spec.yaml --param Beta=high, where Beta is a float parameter.',
    'smpipe start spec.yaml --param Beta=0.2 (the message lists the parameters and their types).',
  ),
  SMP9004: situation(
    'No AWS credentials were found, or AWS rejected them (expired session, unknown profile).',
    'smpipe plan spec.yaml on a machine with no AWS_PROFILE, no ~/.aws/credentials and no instance role; or after an SSO session expired.',
    'aws sso login (or aws configure), then pass --profile NAME or set AWS_PROFILE.',
  ),
  SMP9005: situation(
    'AWS denied a call (AccessDenied); the message names the action and the resource.',
    'smpipe upsert with a role that may DescribePipeline but not UpdatePipeline, or may not s3:PutObject under the artifacts prefix.',
    'Grant the named action on the named resource (the README lists every permission smpipe uses), or use a profile that has it.',
  ),
  SMP9006: situation(
    'The artifacts bucket is in another Region than the deploy; SageMaker jobs read code and data only from buckets in their own Region.',
    'smpipe upsert --region us-west-2 with artifacts: s3://my-bucket/… where my-bucket was created in us-east-1.',
    'Deploy to the bucket\'s Region (the message names it), or use a bucket in the deploy\'s Region.',
  ),
  SMP9007: situation(
    'AWS kept throttling the calls after every retry (6 attempts with backoff; AWS_MAX_ATTEMPTS raises it).',
    'Many upserts at once in CI against one account, or smpipe watch polling beside other tools.',
    'Run again later or with fewer parallel jobs; raise AWS_MAX_ATTEMPTS if it happens often.',
  ),
  SMP9008: situation(
    'No AWS Region is configured for the command.',
    'smpipe plan spec.yaml with no --region, no AWS_REGION and no region in the profile.',
    'Pass --region us-east-1, set AWS_REGION, or set region in your AWS profile.',
  ),
  SMP9009: situation(
    'The pipeline or execution does not exist in this account and Region.',
    'smpipe start my-pipeline before any upsert, or smpipe watch ARN with --region pointing elsewhere.',
    'Create the pipeline with smpipe upsert SPEC, or check the name and --region.',
  ),
  SMP9010: situation(
    'The spec cannot be deployed as it is: CreatePipeline needs a role known at compile time (defaults.role), and a definition over 1 MiB needs an artifacts: prefix to be stored under.',
    'smpipe upsert for a spec whose defaults.role is a ${params…} expression, or missing.',
    'Set defaults.role to a role ARN (literal or ${vars.roleArn}); set artifacts: s3://bucket/prefix.',
  ),
  SMP9011: situation(
    'An upload to S3 failed: the bucket does not exist, or the connection was lost after every retry. Nothing was changed in SageMaker: the pipeline is updated only after every asset is uploaded.',
    'smpipe upsert with artifacts: s3://my-bucket/… before the bucket was created.',
    'Create the bucket in the deploy\'s Region (or fix the bucket var), then upsert again: what is already uploaded is not sent twice.',
  ),
  SMP9012: situation(
    'Any other failed AWS request: the message gives the action, the resource and AWS\'s answer.',
    'smpipe labeling deploy when the CloudFormation stack is in ROLLBACK_COMPLETE.',
    'Follow the hint; run with SMPIPE_DEBUG=1 for the full error.',
  ),
  SMP9013: situation(
    'plan, upsert and start read the compiled folder (build/<pipeline>: definition.json, manifest.json, assets/). This folder has no readable manifest.json, one of another manifest version, an asset path that leaves the folder, or an asset URI that is not its sha256 address.',
    'smpipe upsert build/ (the parent of the pipeline folders), or a folder copied without its manifest.json.',
    'Give the pipeline\'s own folder (smpipe upsert build/llama3-dpo-alignment), or the spec, which is compiled into it first.',
  ),
  SMP9014: situation(
    'A file of the compiled folder does not match the sha256 manifest.json records for it: it changed after compile, so what would be deployed is not what was reviewed.',
    'smpipe upsert build/llama3-dpo-alignment after editing build/llama3-dpo-alignment/definition.json by hand.',
    'Compile again (smpipe compile SPEC --vars FILE) and review the new folder; never edit a compiled folder.',
  ),
  SMP9015: situation(
    'The folder was compiled for one Region (vars.region: image URIs and sagemaker_region are baked in) and the deploy targets another.',
    'smpipe upsert build/llama3-dpo-alignment --region eu-west-1 for a folder compiled with region: us-east-1.',
    'Compile with the Region you deploy to (--set region=eu-west-1), or drop --region to use the compiled one.',
  ),
  SMP9016: situation(
    'AWS did not answer in time: the connection could not be opened, or a request sat idle past the timeout, after every retry.',
    'smpipe upsert on a network that drops traffic to S3, or behind a proxy that never answers.',
    'Check the network or endpoint settings; raise --connect-timeout / --request-timeout (or SMPIPE_CONNECT_TIMEOUT / SMPIPE_REQUEST_TIMEOUT) for slow links.',
  ),
} satisfies Explanations;
