/**
 * Reading spec and vars files (issue 10, items 7 and 8): the size is checked before reading, only
 * regular files are read, never more than the limit, and bytes that are not UTF-8 are SMP1001 at
 * the byte's line and column instead of U+FFFD in the definition.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8, firstInvalidByte, readSpecFile, type ReadResult } from '../../src/spec/read.js';
import { MAX_SPEC_BYTES } from '../../src/spec/load.js';

const dir = mkdtempSync(join(tmpdir(), 'smpipe-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function refusal(result: ReadResult): string {
  assert.ok(!result.ok && !result.missing, `refused with a diagnostic: ${JSON.stringify(result)}`);
  return `${result.diagnostic.code} ${result.diagnostic.range?.start.line}:${result.diagnostic.range?.start.col}`;
}

// A timeout, so reading /dev/zero whole (as before) fails the test instead of filling the memory.
test('/dev/zero is refused before a byte is read (SMP1003)', { timeout: 20_000 }, () => {
  assert.equal(refusal(readSpecFile('/dev/zero')), 'SMP1003 1:1');
});

test('a FIFO is refused without waiting for a writer (SMP1003)', { timeout: 20_000 }, () => {
  const fifo = join(dir, 'spec.fifo');
  execFileSync('mkfifo', [fifo]);
  assert.equal(refusal(readSpecFile(fifo)), 'SMP1003 1:1');
});

test('a folder is SMP1003; a missing file is reported as missing', () => {
  assert.equal(refusal(readSpecFile(dir)), 'SMP1003 1:1');
  const missing = readSpecFile(join(dir, 'nope.yaml'));
  assert.ok(!missing.ok && missing.missing && missing.errno === 'ENOENT');
});

test('a 3 GB (sparse) file is SMP1005 from its size, unread', { timeout: 20_000 }, () => {
  const big = join(dir, 'big.yaml');
  writeFileSync(big, '');
  truncateSync(big, 3 * 1024 ** 3);
  assert.equal(refusal(readSpecFile(big)), 'SMP1005 1:1');
});

test('the limit is exact: MAX_SPEC_BYTES bytes are read, one more is SMP1005', () => {
  const path = join(dir, 'edge.yaml');
  writeFileSync(path, `a: ${'x'.repeat(MAX_SPEC_BYTES - 4)}\n`);
  const read = readSpecFile(path);
  assert.ok(read.ok && read.text.length === MAX_SPEC_BYTES);
  writeFileSync(path, `a: ${'x'.repeat(MAX_SPEC_BYTES - 3)}\n`);
  assert.equal(refusal(readSpecFile(path)), 'SMP1005 1:1');
});

test('invalid UTF-8 is SMP1001 at the first bad byte, counted in characters as the YAML loader counts', () => {
  const cases: [string, number[], string][] = [
    ['a stray continuation byte', [0x80], '2:10'],
    ['an overlong encoding', [0xc0, 0x80], '2:10'],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], '2:10'],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '2:10'],
    ['a byte no UTF-8 uses', [0xff], '2:10'],
    ['a sequence cut short', [0xe2, 0x82, 0x41], '2:10'],
  ];
  for (const [what, bad, position] of cases) {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: "é 😀 '), Buffer.from(bad), Buffer.from('"\n')]);
    assert.equal(refusal(decodeUtf8(bytes, 'x.yaml')), `SMP1001 ${position}`, what);
  }
});

test('valid UTF-8 (accents, emoji, the largest code point, a BOM) decodes unchanged', () => {
  const text = 'a: "é ß 😀 \u{10FFFF}"\n';
  const read = decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'x.yaml');
  assert.ok(read.ok && read.text === text);
  assert.equal(firstInvalidByte(Buffer.from(text)), Buffer.byteLength(text));
});
