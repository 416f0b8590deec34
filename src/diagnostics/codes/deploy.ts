import type { CodeInfo } from './types.js';

/** SMP9xxx: deploy: what AWS answered. */
export const DEPLOY = {
  SMP9001: { severity: 'error', title: 'SageMaker rejected the pipeline definition (ValidationException)' },
  SMP9002: { severity: 'error', title: 'Pipeline role does not exist or SageMaker cannot assume it' },
  SMP9003: { severity: 'error', title: 'Invalid execution parameter (unknown name, wrong type, not an allowed value)' },
  SMP9004: { severity: 'error', title: 'No AWS credentials found' },
  SMP9005: { severity: 'error', title: 'Access denied by AWS (names the action and resource)' },
  SMP9006: { severity: 'error', title: 'S3 bucket is in another region than the deploy' },
  SMP9007: { severity: 'error', title: 'Throttled by AWS after every retry' },
  SMP9008: { severity: 'error', title: 'No AWS region configured' },
  SMP9009: { severity: 'error', title: 'Pipeline or execution not found' },
  SMP9010: { severity: 'error', title: 'Pipeline settings cannot be deployed (no compile-time role, no artifacts prefix)' },
  SMP9011: { severity: 'error', title: 'Upload to S3 failed (bucket missing, connection lost)' },
  SMP9012: { severity: 'error', title: 'AWS request failed' },
  SMP9013: { severity: 'error', title: 'Not a compiled folder smpipe can read (manifest.json missing, malformed or of another version; a file missing)' },
  SMP9014: { severity: 'error', title: 'A file of the compiled folder does not match its sha256 in manifest.json (changed after compile)' },
  SMP9015: { severity: 'error', title: 'Deploy region differs from the region the folder was compiled for' },
  SMP9016: { severity: 'error', title: 'AWS did not answer in time (connection or request timeout, after every retry)' },
} as const satisfies Record<string, CodeInfo>;
