import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problem } from '../../src/diagnostics/messages.js';
import { integer, object, text } from '../../src/spec/schema-helpers.js';
import { KIND_LIST } from '../../src/steps/index.js';
import { defineKind, kindFields, type PropertyResult, type SpecOf, type StepContext } from '../../src/steps/types.js';

/*
 * The kind contract is checked by the compiler: each `@ts-expect-error` below marks a mistake
 * that must not build (`npx tsc` fails with "unused directive" the day one of them does).
 */

const fields = kindFields({
  message: text('A message.'),
  instance: object('Compute.', { type: text('Instance type.'), count: integer('Count.') }, ['type']),
}, ['message']);
type Spec = SpecOf<typeof fields>;

const base = { kind: 'example', type: 'Fail', description: 'An example.', fields, retryExceptions: [], supportsCache: false, resolveProperty: (): PropertyResult => ({ ok: false, problem: problem('SMP3011.stepsAtPipelineLevel') }) } as const;

function agrees(ctx: StepContext<Spec>) {
  const type = ctx.value(ctx.at('instance').at('type'), 'string');
  // @ts-expect-error a misspelt field name
  ctx.at('mesage');
  // @ts-expect-error a misspelt nested field name
  ctx.at('instance').at('typ');
  // @ts-expect-error a field the schema does not declare
  void ctx.spec.volume;
  // @ts-expect-error a message the catalogue lacks
  ctx.report('SMP2004.noSuchMessage', ctx.step);
  // @ts-expect-error data missing a placeholder of the template ("{{queue}}")
  ctx.report('SMP2004.queueUrl', ctx.step, {});
  // @ts-expect-error data with a placeholder the template does not name
  ctx.report('SMP2004.queueUrl', ctx.step, { queue: 'q', extra: 1 });
  ctx.report('SMP2004.queueUrl', ctx.step, { queue: 'q' });
  return { arguments: { ErrorMessage: ctx.value(ctx.at('message'), 'string'), InstanceType: type ?? '' } };
}

/** A compile written for fields the schema does not have. */
function disagrees(ctx: StepContext<Spec & { volume: number }>) {
  return { arguments: { Volume: ctx.spec.volume } };
}

test('a kind whose compile agrees with its fields builds; one that reads other fields does not', () => {
  const ok = defineKind({ ...base, compile: agrees });
  // @ts-expect-error compile expects a field (volume) the schema does not declare
  const wrong = defineKind({ ...base, compile: disagrees });
  const api = <O extends string>(origin: O) => ({ request: 'CreateExampleRequest', omit: [], describe: 'DescribeExampleResponse', origins: { 'Resource.Type': origin } });
  const placed = defineKind({ ...base, compile: agrees, api: api('instance/type') });
  // @ts-expect-error an API origin naming a field the kind does not have
  const misplaced = defineKind({ ...base, compile: agrees, api: api('instance/typo') });
  assert.equal(ok.kind, 'example');
  assert.equal(wrong.kind, 'example');
  assert.equal(placed.api?.origins['Resource.Type'], 'instance/type');
  assert.equal(misplaced.api?.origins['Resource.Type'], 'instance/typo');
});

test('every registered kind lists only required fields it declares', () => {
  for (const kind of KIND_LIST) {
    for (const name of kind.fields.required) assert.ok(Object.hasOwn(kind.fields.properties, name), `${kind.kind}: ${name}`);
  }
});
