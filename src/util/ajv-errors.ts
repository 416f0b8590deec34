import type { ErrorObject } from 'ajv';

/** One thing to tell the reader: an ajv error as it is, or a value that matches none of its alternatives. */
export type AjvFinding =
  | { error: ErrorObject }
  | { path: string; alternatives: ErrorObject[] };

/**
 * ajv with allErrors reports every failed alternative of an anyOf/oneOf. Where one alternative got
 * deeper into the value (errors below that spot), those deeper errors are the story and the
 * complaints at the spot are dropped; otherwise the complaints at the spot (the anyOf/oneOf error
 * and each alternative's) come as one finding, for one sentence. Other errors stay as they are, in
 * ajv's (document) order. Used for the spec schema and the output definition schema alike.
 */
export function ajvFindings(errors: readonly ErrorObject[]): AjvFinding[] {
  const unmatchedAt = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const findings: AjvFinding[] = [];
  for (const error of errors) {
    const path = error.instancePath;
    if (!unmatchedAt.has(path)) {
      findings.push({ error });
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    if (errors.some((e) => e.instancePath.startsWith(`${path}/`))) continue; // a deeper alternative tells it
    findings.push({ path, alternatives: errors.filter((e) => e.instancePath === path) });
  }
  return findings;
}
