import { createRequire } from 'node:module';
import type { Deflate } from 'fflate';
import { crc32 } from './crc32.js';

/**
 * fflate, loaded on first use: its import builds Huffman tables, and a compile whose archives all
 * come from the deflate cache never compresses. The CommonJS build is the same code as the ESM one.
 */
export function fflate(): typeof import('fflate') {
  loaded ??= createRequire(import.meta.url)('fflate') as typeof import('fflate');
  return loaded;
}
let loaded: typeof import('fflate') | undefined;

/**
 * DEFLATE comes from fflate, not node:zlib, because an archive's sha256 is its S3 key and so part
 * of the pipeline definition: zlib's output is not stable across Node releases (Node 12.17 changed
 * it, nodejs/node#33610; Node 26 bundles zlib-ng), so the same folder would get a new key, and
 * SageMaker step caching would miss, after a Node upgrade. fflate is plain JavaScript: its output
 * is a function of the input, the level and how the input is split into pushes (its streaming
 * Deflate compresses whatever has been pushed once 8 KiB more than its window arrived), so we
 * always push exactly CHUNK bytes at a time. Changing LEVEL, CHUNK or the fflate version changes
 * every archive's hash once (package.json pins fflate exactly; COMPRESSOR names all three).
 */
const LEVEL = 6;
const CHUNK = 64 * 1024;
export const COMPRESSOR = `fflate-0.8.3-level${LEVEL}-chunk${CHUNK}`;

/**
 * RFC 1952 header, written here rather than by fflate's Gzip so that no byte depends on the
 * machine: ID1 ID2, CM=8 (deflate), FLG=0, MTIME=0 (none), XFL=0, OS=255 (unknown).
 */
const HEADER = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * A gzip stream whose every byte depends only on the bytes pushed into it, in any split: input is
 * re-cut into CHUNK-sized pushes, the CRC comes from zlib.crc32 where Node has it.
 */
export class GzipWriter {
  private readonly deflate: Deflate;
  private readonly pending = new Uint8Array(CHUNK);
  private filled = 0;
  private crc = 0;
  private length = 0;

  constructor(private readonly out: (bytes: Uint8Array) => void) {
    this.deflate = new (fflate().Deflate)({ level: LEVEL }, (data) => {
      if (data.length > 0) out(data);
    });
    out(HEADER);
  }

  push(data: Uint8Array): void {
    this.crc = crc32(data, this.crc);
    this.length = (this.length + data.length) % 2 ** 32;
    let offset = 0;
    while (offset < data.length) {
      const take = Math.min(CHUNK - this.filled, data.length - offset);
      this.pending.set(data.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === CHUNK) {
        // fflate copies what it is given into its window, so the buffer can be refilled.
        this.deflate.push(this.pending, false);
        this.filled = 0;
      }
    }
  }

  /** Flushes the last chunk and writes the trailer (CRC-32 and length mod 2^32). */
  finish(): void {
    this.deflate.push(this.pending.subarray(0, this.filled), true);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc, 0);
    trailer.writeUInt32LE(this.length, 4);
    this.out(trailer);
  }
}

/** The whole gzip member of `data` in memory: the same bytes GzipWriter streams. */
export function gzipDeterministic(data: Uint8Array): Buffer {
  const parts: Uint8Array[] = [];
  const writer = new GzipWriter((bytes) => parts.push(bytes));
  writer.push(data);
  writer.finish();
  return Buffer.concat(parts);
}
