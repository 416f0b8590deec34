import type { AwsOptions } from '../deploy/clients.js';
import type { Parsed } from './args.js';

export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
} as const;

export { AWS_FLAGS } from './help-text.js';

export function awsOptions(parsed: Parsed): AwsOptions {
  const profile = parsed.values.profile as string | undefined;
  const region = parsed.values.region as string | undefined;
  return { ...(profile ? { profile } : {}), ...(region ? { region } : {}) };
}
