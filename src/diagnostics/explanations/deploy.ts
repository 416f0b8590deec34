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
  SMP9035: situation(
    'start --from and logs STEP name a step the pipeline does not have (condition branches included), or a selective execution lists more steps than SageMaker accepts.',
    'smpipe start spec.yaml --from TrainDpo (the step is TrainDPO).',
    'Use a step name from the message\'s list (names are case-sensitive).',
  ),
  SMP9036: situation(
    'smpipe logs shows a job\'s CloudWatch log; callback, condition, lambda, fail and model steps have no job, so no log.',
    'smpipe logs ARN QualityGate.',
    'Name a processing, training, transform or tuning step; for a callback step, look at the consumer\'s own logs (the labeling bridge logs to /aws/lambda/STACK-*).',
  ),
  SMP9037: situation(
    'start --from reuses the steps before STEP from a reference execution: the latest Succeeded one by default, or --reference. There is none, or the reference is still running or belongs to another pipeline.',
    'smpipe start spec.yaml --from Evaluate on a pipeline that never succeeded.',
    'Run it once in full, or pass --reference ARN of a finished execution whose earlier steps succeeded.',
  ),
  SMP9038: situation(
    'Preflight could not look something up (no permission for the lookup, or the lookup failed): that item is not checked. A warning, never a failure: the deploy itself may not need that permission.',
    'smpipe preflight with a role that may not call servicequotas:ListServiceQuotas or iam:GetRole.',
    'Grant the read permission named in the message to check it, or check that item by hand.',
  ),
  SMP9039: situation(
    'RetryPipelineExecution resumes a Failed execution from its failed steps; an execution that is running, succeeded or was stopped cannot be retried.',
    'smpipe retry ARN of an execution that succeeded.',
    'smpipe start (a new execution), or smpipe start --from STEP to re-run from a step.',
  ),
  SMP9040: situation(
    'A Service Quotas limit for an instance type is below what the pipeline starts (instance count of a job step at its default type). The job would fail at start, after the steps before it were paid for.',
    'TrainDPO on ml.g5.48xlarge in an account whose "ml.g5.48xlarge for training job usage" quota is 0 (the default in many accounts).',
    'Request the increase the message names (Service Quotas console → Amazon SageMaker), or choose another instance type.',
  ),
  SMP9041: situation(
    'The quota is enough for the default instance type, but not for another type an instance-type parameter allows: only an execution that picks it fails.',
    'TrainingInstanceType allows ml.p4d.24xlarge, whose training quota is 0 in the account.',
    'Request the increase, or drop that type from the parameter\'s enum.',
  ),
  SMP9042: situation(
    'Service Quotas has no SageMaker quota of that name in the region: the instance type may not be offered there.',
    'A pipeline using ml.p5.48xlarge for training in a region without P5 instances.',
    'Choose an instance type the region offers (the SageMaker pricing page lists them per region).',
  ),
  SMP9043: situation(
    'The pipeline\'s role (defaults.role) does not exist in the account.',
    'roleArn in the vars file names a role deleted since, or in another account.',
    'Create the role (trusted by sagemaker.amazonaws.com) or fix roleArn.',
  ),
  SMP9044: situation(
    'The pipeline\'s role exists but its trust policy does not let sagemaker.amazonaws.com assume it, so every job fails to start.',
    'A role made for Lambda reused as the pipeline role.',
    'Add sagemaker.amazonaws.com as a trusted principal (sts:AssumeRole) in the role\'s trust policy.',
  ),
  SMP9045: situation(
    'The artifacts bucket does not exist (or is not visible to the caller).',
    'vars.bucket misspelt, or the bucket not yet created.',
    'Create the bucket in the deploy\'s region, or fix vars.bucket.',
  ),
  SMP9046: situation(
    'The SQS queue a callback or ground-truth step sends to does not exist: the step would fail when it starts.',
    'labelingQueueUrl from another region or account, or a bridge stack deleted since.',
    'Deploy the labeling bridge (smpipe labeling deploy) and put its CallbackQueueUrl output in the vars file.',
  ),
  SMP9047: situation(
    'The Ground Truth work team a ground-truth step names does not exist.',
    'workteamArn of a private team in another region.',
    'Create the private work team (Ground Truth → Labeling workforces) and put its ARN in the vars file.',
  ),
  SMP9048: situation(
    'A Lambda function the pipeline calls (lambda steps, the labeling Lambdas) does not exist.',
    'labelingPreAnnotationLambdaArn from a bridge stack that was deleted.',
    'Deploy the function (for the bridge: smpipe labeling deploy) and fix the ARN in the vars file.',
  ),
  SMP9049: situation(
    'A Secrets Manager secret named in vars (hfTokenSecretArn) does not exist: the jobs that read it would fail.',
    'hfTokenSecretArn pointing at a secret in another region.',
    'Create the secret (aws secretsmanager create-secret) and put its ARN in the vars file.',
  ),
  SMP9050: situation(
    'The definition has PipelineExperimentConfig but SageMaker Experiments does not exist in the region: executions fail.',
    'A folder compiled with experiment: true deployed to a region outside the SDK\'s Experiments list.',
    'Compile with experiment: false (or leave it unset: the default turns off where Experiments is missing).',
  ),
  SMP9051: situation(
    'A note: the region has no SageMaker Experiments, so the compile left the default PipelineExperimentConfig out.',
    'Compiling the flagship for a region outside the SDK\'s Experiments list.',
    'Nothing to do; set experiment: false to say so in the spec.',
  ),
  SMP9052: situation(
    'A job step has no maximum runtime smpipe knows, so its worst-case cost has no bound.',
    'A step whose StoppingCondition comes from arguments: as a run-time expression.',
    'Give the step maxRuntime: (seconds).',
  ),
  SMP9053: situation(
    'smpipe\'s price table (src/deploy/prices.ts, with its date and sources) has no price for an instance type in the region: the cost estimate leaves that step out.',
    'A pipeline on ml.trn1.32xlarge, or any region but us-east-1.',
    'Check the SageMaker pricing page for that type; add a row to the table with its source.',
  ),
} satisfies Explanations;
