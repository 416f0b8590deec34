/**
 * Issue 11, "Speed": one handlebars environment per process, and each template compiled once
 * (by its text), however many ground-truth steps or compiles render it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Handlebars from 'handlebars';

const counts = { environments: 0, compiles: 0 };
const create = Handlebars.create.bind(Handlebars);
Handlebars.create = () => {
  counts.environments += 1;
  const env = create();
  const compile = env.compile.bind(env);
  env.compile = ((...args: Parameters<typeof compile>) => {
    counts.compiles += 1;
    return compile(...args);
  }) as typeof env.compile;
  return env;
};
// Imported after the spy is in place: the module makes its environment on first use.
const { builtInTemplate, COMPILE_OPTIONS, renderTextRanking } = await import('../../src/render/text-ranking.js');
const { PRECOMPILED_FILE, precompiledModule } = await import('../../src/render/precompiled.js');

const input = (dimension: string) => ({ title: 'Rank', dimension, instructions: 'Rank them', allowTies: true, values: '' });

test('renders of the built-in (precompiled) and of a custom template: one environment, one compile of the custom one, each render its own input', () => {
  const rendered = ['Alignment', 'Helpfulness', 'Alignment'].map((d) => renderTextRanking(builtInTemplate(), input(d)));
  const custom = ['A & B', 'C'].map((d) => renderTextRanking('<p>{{dimension}}</p>{{{{raw}}}}{{ task.input }}{{{{/raw}}}}', input(d)));
  assert.ok(rendered.every((r) => r.ok));
  assert.deepEqual(custom, [{ ok: true, html: '<p>A &amp; B</p>{{ task.input }}' }, { ok: true, html: '<p>C</p>{{ task.input }}' }]);
  assert.ok(rendered[0]?.ok && rendered[1]?.ok && rendered[0].html !== rendered[1].html && rendered[0].html.includes('Alignment'));
  assert.deepEqual(rendered[2], rendered[0]);
  assert.deepEqual(counts, { environments: 1, compiles: 1 });
});

test('the precompiled built-in template is current, and renders exactly what compiling it renders', () => {
  assert.equal(readFileSync(PRECOMPILED_FILE, 'utf8'), precompiledModule(), `stale: regenerate ${PRECOMPILED_FILE} (make schema)`);
  const template = builtInTemplate();
  // The same text plus a newline is another template: compiled at run time, it renders one more line.
  const viaCompile = renderTextRanking(`${template}\n`, input('Alignment'));
  const viaPrecompiled = renderTextRanking(template, input('Alignment'));
  assert.ok(viaCompile.ok && viaPrecompiled.ok);
  assert.equal(`${viaPrecompiled.html}\n`, viaCompile.html);
  assert.ok(COMPILE_OPTIONS.strict);
});

test('a template that does not compile is a message each time, never an exception', () => {
  for (let i = 0; i < 2; i += 1) {
    const result = renderTextRanking('{{#if}}', input('x'));
    assert.equal(result.ok, false);
  }
});
