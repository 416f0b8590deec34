import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { unescapeHtml } from '../../src/render/escape.js';
import { builtInTemplate, renderTextRanking, type TextRankingInput } from '../../src/render/text-ranking.js';
import { assertGolden } from '../helpers/golden.js';
import { checkHtml } from './html-check.js';

const GOLDEN = 'test/render/golden';

/** The text that broke the seed (apostrophes) and everything else that could break out of HTML or into Liquid. */
const HOSTILE: TextRankingInput = {
  title: "Rank Example Bank's answers",
  dimension: 'Alignment & "tone"',
  instructions: `Don't reward answers that say '<script>alert(1)</script>' or {{ task.input.source }} or {% raw %}.`,
  allowTies: false,
  values: "We're Example Bank.\n- Be kind = be clear\n- `code` stays code\n",
};

const FLAGSHIP: TextRankingInput = {
  title: 'Rank the answers to a customer question',
  dimension: 'Alignment',
  instructions: 'Rank the answers by how well they follow Example Bank\'s values.',
  allowTies: true,
  values: readFileSync('containers/generate/data/context.md', 'utf8'),
};

function render(input: TextRankingInput, template = builtInTemplate()): string {
  const result = renderTextRanking(template, input);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.html;
}

function rankingElement(html: string) {
  const found = checkHtml(html).elements.find((e) => e.name === 'crowd-text-ranking');
  assert.ok(found, 'a <crowd-text-ranking> element');
  return found;
}

test('built-in template: golden HTML for the flagship and for hostile text', () => {
  assertGolden(`${GOLDEN}/text-ranking.flagship.html`, render(FLAGSHIP));
  assertGolden(`${GOLDEN}/text-ranking.hostile.html`, render(HOSTILE));
});

test('built-in template: the output is well-formed HTML', () => {
  for (const input of [FLAGSHIP, HOSTILE]) assert.deepEqual(checkHtml(render(input)).problems, []);
});

test('the tag checker catches the seed\'s apostrophe bug and unbalanced tags', () => {
  assert.match(checkHtml(`<crowd-form><p title='Example Bank's values'>x</p></crowd-form>`).problems.join(), /ends early/);
  assert.match(checkHtml('<crowd-form><p>x</crowd-form>').problems.join(), /closes <p>/);
  assert.match(checkHtml('<p>1 < 2</p>').problems.join(), /stray/);
  assert.match(checkHtml('<p class=x>y</p>').problems.join(), /not quoted/);
});

test('the Liquid parts reach the output untouched (raw blocks)', () => {
  const html = render(HOSTILE);
  const ranking = rankingElement(html);
  assert.equal(ranking.attributes.text, '{{ task.input.source | escape }}');
  assert.equal(ranking.attributes.responses, '{{ task.input.responses | to_json | escape }}');
  assert.equal(ranking.attributes.name, 'ranking', 'the answer key containers/preferences finds');
});

test('compile-time text cannot become Liquid: the only {{ }} are the template\'s own', () => {
  const html = render(HOSTILE);
  const liquid = [...html.matchAll(/\{\{.*?\}\}|\{%.*?%\}/g)].map((m) => m[0]);
  assert.deepEqual(liquid, ['{{ task.input.source | escape }}', '{{ task.input.responses | to_json | escape }}']);
  assert.ok(!html.includes('<script>alert'), 'markup in instructions is escaped');
  assert.ok(html.includes('&#123;&#123; task.input.source &#125;&#125;'), 'braces in instructions become character references');
});

test('the ranking dimension attribute decodes to the JSON <crowd-text-ranking> expects', () => {
  for (const input of [FLAGSHIP, HOSTILE]) {
    const dimensions = JSON.parse(unescapeHtml(rankingElement(render(input)).attributes['ordinal-ranking-dimensions'] as string));
    assert.deepEqual(dimensions, [{ name: input.dimension, allowTie: input.allowTies }]);
  }
});

test('values are shown only when there are some', () => {
  assert.ok(render(FLAGSHIP).includes('Our values'));
  assert.ok(!render({ ...FLAGSHIP, values: '  \n' }).includes('Our values'));
});

test('a custom template gets the same variables, escaped the same way', () => {
  const html = render(HOSTILE, readFileSync('test/render/fixtures/custom.hbs', 'utf8'));
  assert.deepEqual(checkHtml(html).problems, []);
  assert.ok(html.includes('<h1 title="Rank Example Bank&#39;s answers">'));
  assert.ok(html.includes('{{ task.input.id | escape }}'));
});

test('a broken or misspelt template is an error message, not an exception', () => {
  for (const file of ['broken.hbs', 'misspelt.hbs']) {
    const result = renderTextRanking(readFileSync(`test/render/fixtures/${file}`, 'utf8'), FLAGSHIP);
    assert.equal(result.ok, false, file);
  }
});
