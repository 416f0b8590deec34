import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../spec/source.js';

/**
 * A deploy failure the user can act on: a stable code, a message naming what failed, and a hint
 * saying what to do. The CLI prints it without a stack trace and exits 1. When the failure maps
 * back to the spec (a step SageMaker rejected), `diagnostic` carries the YAML position.
 */
export class DeployError extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly hint?: string,
    readonly diagnostic?: Diagnostic,
    /** The spec text the diagnostic points into, for a code frame. */
    readonly source?: SourceFile,
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

/** The fields of an AWS SDK v3 error this room looks at (service exceptions and client-side errors). */
export interface AwsErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  Region?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export function asAwsError(error: unknown): AwsErrorShape {
  return error !== null && typeof error === 'object' ? (error as AwsErrorShape) : { message: String(error) };
}

/** The service's error code: `name` for JSON services, `Code` when only the XML body carries it. */
export function errorName(error: unknown): string {
  const e = asAwsError(error);
  return e.name && e.name !== 'Error' ? e.name : e.Code ?? e.code ?? 'Error';
}
