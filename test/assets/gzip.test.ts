import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { crc32, gzipDeterministic } from '../../src/assets/gzip.js';

/** Deterministic pseudo-random bytes (sha256 counter mode), so failures reproduce. */
function noise(length: number, seed: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < length; i += 1) parts.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(parts).subarray(0, length);
}

/** Text-like data over a small alphabet: long and short matches, near and far. */
function wordy(length: number, seed: string): Buffer {
  const r = noise(length, seed);
  return Buffer.from(r.map((b) => 'abcd efgh\n'.charCodeAt(b % 10)));
}

const CASES: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['one byte', Buffer.from('x')],
  ['run of one byte', Buffer.alloc(100_000, 0x41)],
  ['matches at the window edge', Buffer.concat([noise(32_768, 'w'), noise(32_768, 'w'), noise(300, 'w')])],
  ['incompressible (stored blocks)', noise(150_000, 'n')],
  ['stored block boundary', noise(65_535, 'b')],
  ['text-like', wordy(200_000, 't')],
  ['source code', Buffer.from('def f(x):\n    return x + 1\n'.repeat(2000))],
];

describe('gzipDeterministic: our own DEFLATE, readable by zlib', () => {
  for (const [name, data] of CASES) {
    it(`round-trips: ${name}`, () => {
      assert.ok(zlib.gunzipSync(gzipDeterministic(data)).equals(data));
    });
  }

  it('compresses text and never grows data by more than the stored-block overhead', () => {
    const text = CASES[7]![1];
    assert.ok(gzipDeterministic(text).length < text.length / 10);
    const random = CASES[4]![1];
    assert.ok(gzipDeterministic(random).length <= random.length + 18 + 5 * 3);
  });

  it('crc32: the standard check value, and zlib\'s where Node has zlib.crc32 (20.15+)', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    const reference = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    if (reference) for (const [, data] of CASES) assert.equal(crc32(data), reference(data));
  });
});
