import { problem } from '../diagnostics/messages.js';
import { PackError } from './pack-error.js';

/**
 * A minimal POSIX ustar writer: regular files and directories only, every owner and time field
 * fixed, so the stream is a function of (path, mode, content) alone.
 */

const BLOCK = 512;
/** Largest size the 11 octal digits of the size field hold (8 GiB - 1). */
const MAX_SIZE = 0o77777777777;

export interface TarEntry {
  /** Relative, forward slashes; directories end with "/". */
  path: string;
  /** 0o644 or 0o755. */
  mode: number;
  /** A folder (typeflag 5) rather than a regular file (typeflag 0). */
  directory: boolean;
}

/**
 * mtime of every entry: 1980-01-01T00:00:00Z (315532800), the floor of SOURCE_DATE_EPOCH in
 * reproducible-build tools and of ZIP timestamps. 0 would work for tar, but files dated 1970
 * trip tools that treat 0 as "unset"; any fixed value keeps the hash stable.
 */
export const FIXED_MTIME = 315532800;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** name (≤100 bytes) and prefix (≤155 bytes), split at a "/", or an error for longer paths. */
export function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  const tail = path.endsWith('/') ? '/' : '';
  for (let cut = body.indexOf('/'); cut > 0; cut = body.indexOf('/', cut + 1)) {
    const prefix = body.slice(0, cut);
    const name = body.slice(cut + 1) + tail;
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new PackError(problem('SMP6011.pathTooLong', { path }));
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(entry.path);
  const put = (text: string, offset: number, width: number) => block.write(text, offset, width, 'utf8');
  put(name, 0, 100);
  put(octal(entry.mode, 8), 100, 8);
  put(octal(0, 8), 108, 8); // uid
  put(octal(0, 8), 116, 8); // gid
  put(octal(size, 12), 124, 12);
  put(octal(FIXED_MTIME, 12), 136, 12);
  put(' '.repeat(8), 148, 8); // checksum is computed with this field as spaces
  put(entry.directory ? '5' : '0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32); // uname: uid 0 by name too, for tar implementations that prefer names
  put('root', 297, 32); // gname
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** Zero bytes that pad a file's data to a whole 512-byte block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

/**
 * The header block of one entry (data, padding and the end are the caller's: archive.ts streams
 * them). A file over 8 GiB cannot be described by ustar's size field: an error naming it.
 */
export function tarHeader(entry: TarEntry, size: number): Buffer {
  if (size > MAX_SIZE) throw new PackError(problem('SMP6011.fileTooLarge', { path: entry.path }));
  return header(entry, size);
}
