/**
 * Issue #11: specs of 5,000 steps compile. The generated benchmark spec (bench/gen-spec.ts) is
 * over the old 2 MiB limit and must load; `make bench` measures its whole compile.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSpec } from '../../bench/gen-spec.js';
import { loadYaml, MAX_SPEC_BYTES } from '../../src/spec/load.js';

test('the 5,000-step benchmark spec is within the spec size limit and loads without SMP1005', () => {
  const text = generateSpec(5000);
  assert.ok(Buffer.byteLength(text) > 2 * 1024 * 1024, 'over the old 2 MiB limit');
  assert.ok(Buffer.byteLength(text) < MAX_SPEC_BYTES);
  const loaded = loadYaml('bench-5000.yaml', text);
  assert.deepEqual(loaded.reporter.diagnostics.map((d) => d.code), []);
  assert.equal(Object.keys((loaded.value as { steps: object }).steps).length, 5000);
});
