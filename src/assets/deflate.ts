/**
 * DEFLATE (RFC 1951) written here, not by node:zlib, because an archive's sha256 is its S3 key
 * and so part of the pipeline definition: zlib's output is not stable across Node releases
 * (Node 12.17 changed it, nodejs/node#33610; newer Node bundles zlib-ng) nor across builds, so
 * the same folder would get a new key, and SageMaker caching would miss, after an upgrade.
 * Greedy LZ77 over the 32 KiB window, hash chains, one block with the fixed Huffman code:
 * every byte of output follows from the input and the constants below, nothing else.
 */

const WINDOW = 32768;
const WINDOW_MASK = WINDOW - 1;
const HASH_BITS = 15;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
/** Candidates tried per position: the speed/ratio trade-off, fixed forever (it shapes output). */
const MAX_PROBES = 48;

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

  writeCode(code: number, width: number): void {
    let reversed = 0;
    for (let i = 0; i < width; i += 1) reversed |= ((code >> i) & 1) << (width - 1 - i);
    this.write(reversed, width);
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

/** The fixed literal/length code of RFC 1951 §3.2.6. */
function writeSymbol(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.writeCode(0x30 + symbol, 8);
  else if (symbol < 256) out.writeCode(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.writeCode(symbol - 256, 7);
  else out.writeCode(0xc0 + symbol - 280, 8);
}

function writeMatch(out: BitWriter, length: number, distance: number): void {
  const l = bucket(LENGTH_BASE, length);
  writeSymbol(out, 257 + l);
  out.write(length - (LENGTH_BASE[l] ?? 0), LENGTH_EXTRA[l] ?? 0);
  const d = bucket(DIST_BASE, distance);
  out.writeCode(d, 5);
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
      let length = 0;
      while (length < limit && input[candidate + length] === input[pos + length]) length += 1;
      if (length > best) [best, bestDistance] = [length, distance];
      if (length === limit) break;
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
  let pos = 0;
  while (pos < input.length) {
    const [length, distance] = finder.longest(pos);
    if (length === 0) {
      writeSymbol(out, input[pos] ?? 0);
      finder.insert(pos);
      pos += 1;
      continue;
    }
    writeMatch(out, length, distance);
    for (let end = pos + length; pos < end; pos += 1) finder.insert(pos);
  }
  writeSymbol(out, 256); // end of block
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
