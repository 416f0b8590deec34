import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unescapeHtml } from '../../src/render/escape.js';
import { renderLiquidPreview } from '../../src/render/liquid-preview.js';
import { builtInTemplate, renderTextRanking } from '../../src/render/text-ranking.js';
import { checkHtml } from './html-check.js';

const ITEM = {
  id: 'card-lost',
  source: "I think I lost my card. What's next? <b>now</b> {{ x }}",
  responses: ["Freeze it in the app: it's instant.", 'Call us on "0800 000"', 'a & b < c', '{% raw %}'],
};

function uiHtml(): string {
  const result = renderTextRanking(builtInTemplate(), { title: 'T', dimension: 'Alignment', instructions: 'I', allowTies: true, values: 'V' });
  assert.ok(result.ok);
  return result.html;
}

test('preview fills task.input with Ground Truth\'s autoescape, and the page stays well-formed', () => {
  const html = renderLiquidPreview(uiHtml(), ITEM);
  assert.deepEqual(checkHtml(html).problems, []);
  const ranking = checkHtml(html).elements.find((e) => e.name === 'crowd-text-ranking');
  assert.equal(unescapeHtml(ranking?.attributes.text ?? ''), ITEM.source);
  assert.deepEqual(JSON.parse(unescapeHtml(ranking?.attributes.responses ?? '')), ITEM.responses);
  assert.ok(!html.includes('{{ task'), 'no Liquid left');
});

test('escape after autoescape is one escape, skip_autoescape prints raw, unknown values are empty', () => {
  assert.equal(renderLiquidPreview('{{ task.input.a | escape }}|{{ task.input.a }}|{{ task.input.a | skip_autoescape }}|{{ task.input.nope }}', { a: "<i>'" }), '&lt;i&gt;&#39;|&lt;i&gt;&#39;|<i>\'|');
});

test('anything the preview cannot do faithfully is an error', () => {
  assert.throws(() => renderLiquidPreview('{% for r in task.input.responses %}{% endfor %}', {}), /Liquid tags/);
  assert.throws(() => renderLiquidPreview('{{ task.input.a | upcase }}', {}), /filter "upcase"/);
  assert.throws(() => renderLiquidPreview('{{ event.dataObject }}', {}), /only fills task.input/);
});
