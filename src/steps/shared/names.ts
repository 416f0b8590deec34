import type { Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';

/** EndpointName and EndpointConfigName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (CreateEndpoint, CreateEndpointConfig). */
export const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * Checks a name known at compile time; run-time names are the service's to check. A failed
 * lowering hands back the raw `${...}` text, already reported, so that is skipped too.
 */
export function checkResourceName(ctx: StepServices, field: Field<unknown>, value: Json | undefined, what: string): void {
  if (typeof value !== 'string' || value.includes('${') || RESOURCE_NAME.test(value)) return;
  ctx.report('SMP2004.resourceName', field, { value, what });
}
