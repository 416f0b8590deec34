/** Flag descriptions shared by several commands' usage texts. */
const awsFlags = (regionFrom: string) => `  --profile NAME   AWS profile (else AWS_PROFILE, env credentials, SSO, container or instance role)
  --region REGION  AWS region (else ${regionFrom}AWS_REGION, the profile's)
  --connect-timeout S  seconds to establish a connection (default 10; SMPIPE_CONNECT_TIMEOUT)
  --request-timeout S  seconds AWS may stay silent before a request is retried (default 60;
                   SMPIPE_REQUEST_TIMEOUT); attempts: AWS_MAX_ATTEMPTS (default 6)`;

export const AWS_FLAGS = awsFlags("the compiled folder's or the ARN's, ");
/** For commands with no compiled folder or ARN to take a region from (smpipe import). */
export const AWS_FLAGS_PLAIN = awsFlags('');

export const SPEC_FLAGS = `  --vars FILE      YAML file of compile-time vars (keys must be declared under vars:)
  --set KEY=VALUE  set one var (repeatable; wins over --vars)`;

/** For the commands that take a spec or a compiled folder. */
export const TARGET_FLAGS = `${SPEC_FLAGS}
  --out DIR        where a SPEC's compiled folder is written (default build/<pipeline>)`;

export const TARGET_TEXT = `SPEC is compiled first, exactly as smpipe compile does, to build/<pipeline>/ (or --out), and
that folder is what is deployed; a FOLDER written by smpipe compile is deployed as it is, after
its files are checked against the sha256 sums in its manifest.json (SMP9014 if one changed).`;

export const VERIFY_FLAG = '  --verify-assets  HeadObject every asset, also those the deployed definition already uses';

export const POLL_FLAG = '  --poll-interval S  first wait between polls in seconds (default 2; grows to 30 while nothing changes)';

export const NO_PREFLIGHT_FLAG = '  --no-preflight   skip the checks of smpipe preflight (quotas, roles, bucket, queues, work teams, Lambdas, secrets)';

/** For the commands that compile a spec and print its diagnostics. */
export const COMPILE_FLAGS = `${SPEC_FLAGS}
  --format F       diagnostics as text (default) or json`;
