/**
 * DEFLATE (RFC 1951) written here, not by node:zlib, because an archive's sha256 is its S3 key
 * and so part of the pipeline definition: zlib's output is not stable across Node releases
 * (Node 12.17 changed it, nodejs/node#33610; Node 26 bundles zlib-ng) and differs between
 * platforms in its header, so the same folder would get a new key, and SageMaker step caching
 * would miss, after a Node upgrade or on a colleague's machine.
 * Greedy LZ77 over the 32 KiB window, hash chains, one block with the fixed Huffman code:
 * every byte of output follows from the input and the constants below, nothing else.
 */

const WINDOW = 32768;
const WINDOW_MASK = WINDOW - 1;
const HASH_BITS = 15;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
// Search effort: fixed forever, since changing any of these changes the output bytes.
/** Candidates tried per position. */
const MAX_PROBES = 16;
/** A match this long is good enough: stop searching. */
const NICE_MATCH = 64;
/** Positions inside longer matches are not hashed (they rarely start better matches). */
const MAX_INSERT = 32;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Index of the last base ≤ value (tables are short and sorted). */
function bucket(bases: readonly number[], value: number): number {
  let i = bases.length - 1;
  while ((bases[i] ?? 0) > value) i -= 1;
  return i;
}

function reverseBits(code: number, width: number): number {
  let reversed = 0;
  for (let i = 0; i < width; i += 1) reversed |= ((code >> i) & 1) << (width - 1 - i);
  return reversed;
}

/** The fixed literal/length code of RFC 1951 §3.2.6, as [bit-reversed code, width] per symbol. */
function fixedCode(symbol: number): [number, number] {
  if (symbol < 144) return [reverseBits(0x30 + symbol, 8), 8];
  if (symbol < 256) return [reverseBits(0x190 + symbol - 144, 9), 9];
  if (symbol < 280) return [reverseBits(symbol - 256, 7), 7];
  return [reverseBits(0xc0 + symbol - 280, 8), 8];
}

interface Tables {
  litCode: Uint16Array;
  litWidth: Uint8Array;
  lengthIndex: Uint8Array;
  distIndex: Uint8Array;
  distCode: Uint8Array;
}
let cached: Tables | undefined;

/** Lookup tables, built on first use (not at import): per-symbol codes, length and distance codes. */
function tables(): Tables {
  cached ??= buildTables();
  return cached;
}

function buildTables(): Tables {
  const litCode = new Uint16Array(288);
  const litWidth = new Uint8Array(288);
  for (let symbol = 0; symbol < 288; symbol += 1) [litCode[symbol], litWidth[symbol]] = fixedCode(symbol);
  const lengthIndex = new Uint8Array(MAX_MATCH + 1);
  for (let length = MIN_MATCH; length <= MAX_MATCH; length += 1) lengthIndex[length] = bucket(LENGTH_BASE, length);
  const distIndex = new Uint8Array(WINDOW + 1);
  for (let distance = 1; distance <= WINDOW; distance += 1) distIndex[distance] = bucket(DIST_BASE, distance);
  const distCode = Uint8Array.from({ length: 30 }, (_, d) => reverseBits(d, 5));
  return { litCode, litWidth, lengthIndex, distIndex, distCode };
}

/** LSB-first bit packing, as DEFLATE wants; Huffman codes go in bit-reversed. */
class BitWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;
  private bits = 0;
  private count = 0;

  write(value: number, width: number): void {
    this.bits |= value << this.count;
    this.count += width;
    while (this.count >= 8) {
      this.push(this.bits & 0xff);
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  finish(): Buffer {
    if (this.count > 0) this.push(this.bits & 0xff);
    this.bits = 0;
    this.count = 0;
    return Buffer.from(this.bytes.buffer, 0, this.length);
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
}

function writeSymbol(out: BitWriter, t: Tables, symbol: number): void {
  out.write(t.litCode[symbol] ?? 0, t.litWidth[symbol] ?? 0);
}

function writeMatch(out: BitWriter, t: Tables, length: number, distance: number): void {
  const l = t.lengthIndex[length] ?? 0;
  writeSymbol(out, t, 257 + l);
  out.write(length - (LENGTH_BASE[l] ?? 0), LENGTH_EXTRA[l] ?? 0);
  const d = t.distIndex[distance] ?? 0;
  out.write(t.distCode[d] ?? 0, 5);
  out.write(distance - (DIST_BASE[d] ?? 0), DIST_EXTRA[d] ?? 0);
}

function hashAt(input: Uint8Array, pos: number): number {
  const h = ((input[pos] ?? 0) << 10) ^ ((input[pos + 1] ?? 0) << 5) ^ (input[pos + 2] ?? 0);
  return h & ((1 << HASH_BITS) - 1);
}

/** Hash chains over the sliding window: head[hash] → newest position, prev[pos] → older one. */
class MatchFinder {
  private readonly head = new Int32Array(1 << HASH_BITS).fill(-1);
  private readonly prev = new Int32Array(WINDOW).fill(-1);

  constructor(private readonly input: Uint8Array) {}

  insert(pos: number): void {
    if (pos + MIN_MATCH > this.input.length) return;
    const h = hashAt(this.input, pos);
    this.prev[pos & WINDOW_MASK] = this.head[h] ?? -1;
    this.head[h] = pos;
  }

  /** Longest match for `pos` (earliest-found wins ties), as [length, distance]; length 0: none. */
  longest(pos: number): [number, number] {
    const { input } = this;
    const limit = Math.min(MAX_MATCH, input.length - pos);
    if (limit < MIN_MATCH) return [0, 0];
    let best = 0;
    let bestDistance = 0;
    let candidate = this.head[hashAt(input, pos)] ?? -1;
    for (let probes = MAX_PROBES; candidate >= 0 && probes > 0; probes -= 1) {
      const distance = pos - candidate;
      if (distance > WINDOW) break;
      // Cheap reject (zlib's trick): a longer match must also agree at index `best`.
      if (input[candidate + best] === input[pos + best]) {
        let length = 0;
        while (length < limit && input[candidate + length] === input[pos + length]) length += 1;
        if (length > best) [best, bestDistance] = [length, distance];
        if (length >= Math.min(limit, NICE_MATCH)) break;
      }
      const older = this.prev[candidate & WINDOW_MASK] ?? -1;
      if (older >= candidate) break; // slot reused by a newer position: chain ends
      candidate = older;
    }
    return best >= MIN_MATCH ? [best, bestDistance] : [0, 0];
  }
}

/** Raw DEFLATE stream of `input`: one final block, fixed Huffman codes. */
function fixedBlock(input: Uint8Array): Buffer {
  const out = new BitWriter();
  out.write(1, 1); // BFINAL
  out.write(1, 2); // BTYPE 01: fixed Huffman
  const finder = new MatchFinder(input);
  const t = tables();
  let pos = 0;
  while (pos < input.length) {
    const [length, distance] = finder.longest(pos);
    if (length === 0) {
      writeSymbol(out, t, input[pos] ?? 0);
      finder.insert(pos);
      pos += 1;
      continue;
    }
    writeMatch(out, t, length, distance);
    if (length > MAX_INSERT) {
      finder.insert(pos);
      pos += length;
      continue;
    }
    for (let end = pos + length; pos < end; pos += 1) finder.insert(pos);
  }
  writeSymbol(out, t, 256); // end of block
  return out.finish();
}

/** Stored blocks (BTYPE 00, at most 65535 bytes each): for input LZ77 cannot shrink. */
function storedBlocks(input: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  for (let start = 0; start < input.length || parts.length === 0; start += 0xffff) {
    const chunk = input.subarray(start, start + 0xffff);
    const header = Buffer.alloc(5);
    header[0] = start + 0xffff >= input.length ? 1 : 0; // BFINAL, BTYPE 00, byte-aligned
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    parts.push(header, Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

/**
 * Raw DEFLATE stream of `input`: fixed-Huffman LZ77, or stored blocks when that is smaller
 * (already-compressed files); the choice is a pure function of the input too.
 */
export function deflateFixed(input: Uint8Array): Buffer {
  const compressed = fixedBlock(input);
  const storedSize = input.length + 5 * Math.max(1, Math.ceil(input.length / 0xffff));
  return compressed.length <= storedSize ? compressed : storedBlocks(input);
}
