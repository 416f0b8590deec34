import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { crc32, crc32Portable } from '../../src/assets/crc32.js';
import { COMPRESSOR, GzipWriter, gzipDeterministic } from '../../src/assets/gzip.js';
import { readFileSync } from 'node:fs';

/** sha256 of the text-like case, compressed: fixed while COMPRESSOR is. */
const PINNED_TEXT_LIKE = '21290c80c51db65203b436cb9b944047e22ec7e53112059bd0381c781f09881b';

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

describe('gzipDeterministic: fflate\'s DEFLATE in a fixed gzip frame, readable by zlib', () => {
  for (const [name, data] of CASES) {
    it(`round-trips: ${name}`, () => {
      assert.ok(zlib.gunzipSync(gzipDeterministic(data)).equals(data));
    });
  }

  it('compresses text and grows incompressible data by at most 0.2% (stored blocks)', () => {
    const text = CASES[7]![1];
    assert.ok(gzipDeterministic(text).length < text.length / 10);
    const random = CASES[4]![1];
    assert.ok(gzipDeterministic(random).length <= random.length * 1.002 + 18);
  });

  it('a fixed header: no mtime, no name, OS 255, whatever the machine', () => {
    assert.deepEqual([...gzipDeterministic(CASES[6]![1]).subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  });

  it('streams: any split of the input into pushes gives the same bytes as one call', () => {
    const data = Buffer.concat([CASES[6]![1], CASES[4]![1], CASES[7]![1]]);
    const whole = gzipDeterministic(data);
    for (const size of [1, 7, 4096, 65_535, 65_536, 65_537, 300_000]) {
      const parts: Uint8Array[] = [];
      const writer = new GzipWriter((bytes) => parts.push(Buffer.from(bytes)));
      for (let i = 0; i < data.length; i += size) writer.push(data.subarray(i, i + size));
      writer.finish();
      assert.ok(Buffer.concat(parts).equals(whole), `pushes of ${size} bytes`);
    }
  });

  it('has pinned bytes: a change of fflate, level or chunking must be deliberate (COMPRESSOR names them)', () => {
    assert.equal(COMPRESSOR, 'fflate-0.8.3-level6-chunk65536');
    const installed = JSON.parse(readFileSync(new URL('../../node_modules/fflate/package.json', import.meta.url), 'utf8')) as { version: string };
    assert.ok(COMPRESSOR.startsWith(`fflate-${installed.version}-`), `COMPRESSOR names the installed fflate ${installed.version}`);
    assert.equal(createHash('sha256').update(gzipDeterministic(CASES[6]![1])).digest('hex'), PINNED_TEXT_LIKE);
  });
});

describe('crc32', () => {
  it('the standard check value, zlib\'s where Node has zlib.crc32 (20.15+), and the table fallback alike', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32Portable(Buffer.from('123456789'), 0), 0xcbf43926);
    const reference = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    for (const [, data] of CASES) {
      assert.equal(crc32Portable(data, 0), crc32(data));
      if (reference) assert.equal(crc32(data), reference(data));
    }
  });

  it('continues from a previous value, so streams are checked chunk by chunk', () => {
    const data = CASES[6]![1];
    for (const cut of [0, 1, 1000, data.length]) {
      assert.equal(crc32(data.subarray(cut), crc32(data.subarray(0, cut))), crc32(data));
      assert.equal(crc32Portable(data.subarray(cut), crc32Portable(data.subarray(0, cut), 0)), crc32(data));
    }
  });
});
