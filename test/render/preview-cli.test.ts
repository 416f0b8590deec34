import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { unescapeHtml } from '../../src/render/escape.js';
import { checkHtml } from './html-check.js';

const FLAGSHIP = ['pipeline-specs/llama3-dpo.yaml', '--vars', 'pipeline-specs/vars/example.yaml'];

/** Runs the CLI in-process with stderr captured. */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stderr };
  } finally {
    process.stderr.write = write;
  }
}

function ranking(html: string) {
  return checkHtml(html).elements.find((e) => e.name === 'crowd-text-ranking')?.attributes ?? {};
}

test('labeling preview: the flagship\'s worker UI with the built-in sample, well-formed, no Liquid left', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'smpipe-preview-')), 'ui.html');
  const result = await run(['labeling', 'preview', ...FLAGSHIP, '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const html = readFileSync(out, 'utf8');
  assert.deepEqual(checkHtml(html).problems, []);
  assert.ok(html.startsWith('<!-- smpipe labeling preview'), 'says it is a preview');
  assert.ok(!/\{\{|\{%/.test(html));
  assert.equal(unescapeHtml(ranking(html).text ?? ''), 'I think I lost my debit card on the train. What should I do right now?');
  assert.equal((JSON.parse(unescapeHtml(ranking(html).responses ?? '')) as string[]).length, 4);
  assert.match(result.stderr, /CollectPreferences/);
});

test('labeling preview --sample: the first line of a questions file, with made-up answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-preview-'));
  const sample = join(dir, 'q.jsonl');
  writeFileSync(sample, '\n{"id": "x1", "question": "Can I say \\"hi\\" & <b>bye</b>?"}\n{"id": "x2", "question": "no"}\n');
  const result = await run(['labeling', 'preview', ...FLAGSHIP, '--sample', sample, '--out', join(dir, 'ui.html'), '--step', 'CollectPreferences']);
  assert.equal(result.code, 0, result.stderr);
  const html = readFileSync(join(dir, 'ui.html'), 'utf8');
  assert.deepEqual(checkHtml(html).problems, []);
  assert.equal(unescapeHtml(ranking(html).text ?? ''), 'Can I say "hi" & <b>bye</b>?');
});

test('labeling preview: usage errors exit 2 with a message', async () => {
  const cases: [string[], RegExp][] = [
    [['labeling', 'preview', ...FLAGSHIP, '--step', 'TrainDPO'], /no ground-truth step "TrainDPO"/],
    [['labeling', 'preview', 'test/golden/ok/expressions.yaml'], /no ground-truth step|error/],
    [['labeling', 'preview', ...FLAGSHIP, '--sample', '/no/such/file'], /cannot read --sample/],
    [['labeling', 'frobnicate'], /unknown subcommand "frobnicate"/],
    [['labeling'], /name a subcommand/],
  ];
  for (const [argv, message] of cases) {
    const result = await run(argv);
    assert.notEqual(result.code, 0, argv.join(' '));
    assert.match(result.stderr, message, argv.join(' '));
  }
});
