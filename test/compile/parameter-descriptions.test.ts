/**
 * Parameter descriptions go into the definition (issue 15 item 5): AWS's published definition
 * schema gives every parameter type a Description of up to 4096 characters (schema/aws/), and the
 * service model's PipelineDefinition documentation links that schema (botocore's sagemaker
 * service-2.json, where the definition itself is an opaque string of at most 1 MiB).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile/compile.js';
import { validateDefinition } from '../../src/check/definition-schema/index.js';
import type { Json } from '../../src/expr/types.js';
import { HEADER, positionOf } from '../steps/harness.js';

const spec = (description: string) => `${HEADER}parameters:
  Beta: { type: float, default: 0.1, description: "${description}" }
  Mode: { type: string, default: a, enum: [a, b], description: Which way }
  Plain: { type: integer, default: 1 }
steps:
  Stop:
    kind: fail
    message: "\${params.Beta} \${params.Mode} \${params.Plain}"
`;

test('a parameter\'s description is its Description in the definition, which the schema accepts', () => {
  const result = compile(spec('DPO beta, how far the policy may move'), { file: 'table.yaml' });
  assert.deepEqual(result.diagnostics, []);
  const parameters = (result.definition as { Parameters: Json[] }).Parameters;
  assert.deepEqual(parameters, [
    { Name: 'Beta', Type: 'Float', DefaultValue: 0.1, Description: 'DPO beta, how far the policy may move' },
    { Name: 'Mode', Type: 'String', DefaultValue: 'a', EnumValues: ['a', 'b'], Description: 'Which way' },
    { Name: 'Plain', Type: 'Integer', DefaultValue: 1 },
  ]);
  assert.deepEqual(validateDefinition(result.definition), []);
  assert.equal(result.manifest?.parameters?.Beta?.description, 'DPO beta, how far the policy may move', 'the manifest keeps it too');
});

test('a description over the schema\'s 4096 characters is SMP5007 at its line', () => {
  const text = spec('x'.repeat(4097));
  const result = compile(text, { file: 'table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`), [`SMP5007 ${positionOf(text, '"xxx')}`]);
  assert.deepEqual(compile(spec('x'.repeat(4096)), { file: 'table.yaml' }).diagnostics, []);
});
