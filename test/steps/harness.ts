import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { definitionSteps } from '../../src/compile/definition-steps.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Json } from '../../src/expr/types.js';

/**
 * Per-kind tables: each case is a whole small spec. Expected diagnostics name the
 * text they point at (`at`), so positions stay readable and survive edits above them.
 */
export const HEADER = `pipeline: kind-table
artifacts: s3://table-bucket/smpipe
vars:
  region: us-east-1
  roleArn: arn:aws:iam::111122223333:role/Pipeline
defaults:
  role: \${vars.roleArn}
`;

export interface OkCase {
  name: string;
  spec: string;
  /** Expected compiled step envelopes by step name (nested branch steps included). */
  steps: Record<string, unknown>;
}

export interface ErrorCase {
  name: string;
  spec: string;
  /** Each expected diagnostic: its code and the text its range starts at (first occurrence after `after`). */
  expect: { code: string; at: string; after?: string }[];
}

/** Every step envelope of the definition, condition branches included, by name. */
export function stepsByName(definition: Json | undefined): Record<string, Json> {
  return Object.fromEntries(definitionSteps(definition).map((s) => [s.name, s.step]));
}

function describe(d: Diagnostic): string {
  return `${d.code} ${d.range?.start.line}:${d.range?.start.col}`;
}

/** `line:col` (1-based) where `needle` first occurs in `text` after `after`. */
export function positionOf(text: string, needle: string, after = ''): string {
  const from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `"${after}" is in the spec`);
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `"${needle}" is in the spec`);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before[before.length - 1] as string).length + 1}`;
}

export function runOk(c: OkCase): void {
  const result = compile(c.spec, { file: 'table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${describe(d)} ${d.message}`), [], 'no diagnostics');
  const steps = stepsByName(result.definition);
  for (const [name, expected] of Object.entries(c.steps)) assert.deepEqual(steps[name], expected, `step ${name}`);
}

export function runErrors(c: ErrorCase): void {
  const result = compile(c.spec, { file: 'table.yaml' });
  assert.equal(result.definition, undefined, 'no definition on errors');
  const actual = result.diagnostics.map(describe).sort();
  const expected = c.expect.map((e) => `${e.code} ${positionOf(c.spec, e.at, e.after)}`).sort();
  assert.deepEqual(actual, expected, result.diagnostics.map((d) => `${describe(d)} ${d.message}`).join('\n'));
}
