/**
 * What the bridge was deployed for (`smpipe labeling deploy` → stack parameters → the callback
 * function's environment, stack.yaml). A callback message comes from whoever may send to the
 * queue, so nothing in it is trusted: a labeling job may use only these work teams, Lambdas,
 * labeling role and S3 prefix, for these pipelines. Unset means nothing is allowed (fail closed).
 */
export interface BridgeConfig {
  workteamArns: readonly string[];
  /** The stack's own pre-annotation and consolidation Lambdas, plus any given with --lambda-arn. */
  lambdaArns: readonly string[];
  /** Pipeline names, lower case: SageMaker lower-cases them in execution ARNs. */
  pipelines: string[];
  labelingRoleArn: string;
  /** s3://BUCKET/PREFIX, ending in "/": every S3 URI of a labeling job must start with it. */
  artifacts: string;
}

export const ENV = {
  workteams: 'SMPIPE_WORKTEAM_ARNS',
  lambdas: 'SMPIPE_LAMBDA_ARNS',
  pipelines: 'SMPIPE_PIPELINES',
  labelingRole: 'SMPIPE_LABELING_ROLE_ARN',
  artifacts: 'SMPIPE_ARTIFACTS',
} as const;

export function configFromEnv(env: Readonly<Record<string, string | undefined>>): BridgeConfig {
  return {
    workteamArns: list(env[ENV.workteams]),
    lambdaArns: list(env[ENV.lambdas]),
    pipelines: list(env[ENV.pipelines]).map((name) => name.toLowerCase()),
    labelingRoleArn: env[ENV.labelingRole] ?? '',
    artifacts: artifactsPrefix(env[ENV.artifacts] ?? ''),
  };
}

/** Comma-separated, as CloudFormation's Fn::Join writes a CommaDelimitedList; empty items dropped. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** "s3://b/smpipe" → "s3://b/smpipe/"; anything that is not s3://BUCKET/… allows nothing. */
export function artifactsPrefix(uri: string): string {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\//.test(uri)) return '';
  return uri.endsWith('/') ? uri : `${uri}/`;
}
