import type { AwsOptions } from '../deploy/clients.js';
import type { Parsed } from './args.js';

export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
} as const;

export const AWS_FLAGS = `  --profile NAME   AWS profile (else AWS_PROFILE, env credentials, SSO, container or instance role)
  --region REGION  AWS region (else AWS_REGION or the profile's region)`;

export function awsOptions(parsed: Parsed): AwsOptions {
  const profile = parsed.values.profile as string | undefined;
  const region = parsed.values.region as string | undefined;
  return { ...(profile ? { profile } : {}), ...(region ? { region } : {}) };
}
