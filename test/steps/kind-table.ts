import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { stepsByName } from './harness.js';

/** Compiles a table spec that must have no diagnostics; its steps by name. */
export function compiledSteps(text: string): Record<string, any> {
  const result = compile(text, { file: 'test/steps/table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col} ${d.message}`), []);
  return stepsByName(result.definition) as Record<string, any>;
}
