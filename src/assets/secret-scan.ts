import { findSecretInText } from '../check/secrets.js';

/** A secret found in a file packed into a code archive. */
export interface PackedSecret {
  /** The file, relative to the code folder, with "/". */
  file: string;
  /** 1-based line of the match. */
  line: number;
  /** What it is, for messages: "a Hugging Face token". */
  what: string;
}

/**
 * Characters kept from the end of one chunk for the next, so a secret cut by a chunk boundary is
 * still found. The shapes findSecretInText knows are far shorter (40 characters at most before
 * a match is certain).
 */
const OVERLAP = 256;

/**
 * Scans one file chunk by chunk, as it streams into the archive, with the shape-only finder the
 * spec scan uses (src/check/secrets.ts): `.env` files, credentials files and tokens in source
 * all show up as an AWS key id, a Hugging Face token or a private key. Bytes are read as latin1:
 * every pattern is ASCII, so UTF-8 text and binary files are scanned alike without decoding
 * errors. One finding per file is enough to stop the upload.
 */
export class FileSecretScanner {
  private carry = '';
  /** Newlines before `carry`. */
  private lines = 0;
  private found: PackedSecret | undefined;

  constructor(private readonly file: string) {}

  push(chunk: Uint8Array): void {
    if (this.found) return;
    const text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
    const hit = findSecretInText(text);
    if (hit) {
      this.found = { file: this.file, line: this.lines + countNewlines(text, hit.index) + 1, what: hit.what };
      return;
    }
    const keep = Math.max(0, text.length - OVERLAP);
    this.lines += countNewlines(text, keep);
    this.carry = text.slice(keep);
  }

  get finding(): PackedSecret | undefined {
    return this.found;
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
