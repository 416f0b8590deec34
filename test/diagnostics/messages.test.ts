import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from '../../src/diagnostics/codes.js';
import { formatProblem, placeholdersOf, problem, templateOf, withHint, type Template } from '../../src/diagnostics/messages.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function allTemplates(): [string, Template][] {
  return Object.entries(CODES).flatMap(([code, info]) => Object.entries(('messages' in info ? info.messages : undefined) ?? {}).map(([id, t]): [string, Template] => [`${code}.${id}`, t]));
}

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

test('a template names its placeholders as {{name}} and holds no other double braces', () => {
  for (const [key, template] of allTemplates()) {
    const texts = typeof template === 'string' ? [template] : [template.message, template.hint];
    for (const text of texts) assert.doesNotMatch(text.replace(/\{\{\w+\}\}/g, ''), /\{\{|\}\}/, `${key}: ${text}`);
    assert.deepEqual(placeholdersOf(template).filter((p) => !/^[a-z][A-Za-z]*$/.test(p)), [], key);
  }
});

test('every message of the catalogue is reported somewhere in src/', () => {
  const src = sourceText(join(ROOT, 'src'));
  // Variants picked by the finding's code: `${found.code}.fromSet` (secrets), `${p.code}.problem` (the runner's checks).
  const pickedByCode = (key: string) => (key.startsWith('SMP7') || key.startsWith('SMP95')) && src.includes(`}.${key.split('.')[1]}\``);
  const unused = allTemplates().map(([key]) => key).filter((key) => !src.includes(`'${key}'`) && !pickedByCode(key));
  assert.deepEqual(unused, []);
});

test('a problem renders its template with the data; a computed hint replaces the template hint', () => {
  const found = problem('SMP2004.queueUrl', { queue: 'sqs' });
  assert.deepEqual(formatProblem(found), { code: 'SMP2004', message: '"sqs" is not an SQS queue URL', hint: 'write it as https://sqs.<region>.amazonaws.com/<account>/<queue>' });
  assert.deepEqual(formatProblem(withHint(problem('SMP3005.unknownStep', { step: 'Trian' }), 'did you mean "Train"?')), { code: 'SMP3005', message: 'unknown step "Trian"', hint: 'did you mean "Train"?' });
  assert.deepEqual(formatProblem(withHint(problem('SMP3005.unknownStep', { step: 'X' }), undefined)), { code: 'SMP3005', message: 'unknown step "X"' });
  assert.equal(formatProblem(problem('SMP4004.unused', { name: 'Beta' })).hint, 'remove it, or use it with ${params.Beta}');
});

test('a key the catalogue lacks has no template', () => {
  assert.equal(templateOf('SMP2004.nothing'), undefined);
  assert.equal(templateOf('SMP0000.x'), undefined);
  assert.equal(templateOf('constructor.x'), undefined);
});
