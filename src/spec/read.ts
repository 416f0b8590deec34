import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { severityOf } from '../diagnostics/codes.js';
import { formatProblem, problem, type Problem } from '../diagnostics/messages.js';
import { MAX_SPEC_BYTES } from './load.js';

export type ReadResult =
  | { ok: true; text: string }
  /** The file is not there (or not ours to read): the caller decides how to say so. */
  | { ok: false; missing: true; errno: string }
  | { ok: false; missing: false; diagnostic: Diagnostic };

/**
 * Reads a spec or vars file the way a compiler should read untrusted input: the size is
 * checked before anything is read (`/dev/zero` or a 3 GB file never reaches memory), only
 * regular files are read (a FIFO or a device would block or never end), at most one byte past
 * the limit is read (a file growing meanwhile), and the bytes must be UTF-8.
 */
export function readSpecFile(path: string, limit: number = MAX_SPEC_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat can refuse it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, missing: true, errno: (error as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  try {
    return readOpen(fd, path, limit);
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, path: string, limit: number): ReadResult {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) return failure(path, problem('SMP1003.folder', { path }));
  if (!stat.isFile()) return failure(path, problem('SMP1003.notRegularFile', { path }));
  if (stat.size > limit) return failure(path, problem('SMP1005.fileSize', { size: stat.size, limit }));
  const buffer = Buffer.alloc(limit + 1);
  let length = 0;
  for (let n = -1; n !== 0 && length < buffer.length;) {
    n = readSync(fd, buffer, length, buffer.length - length, null);
    length += n;
  }
  if (length > limit) return failure(path, problem('SMP1005.overLimit', { limit }));
  return decodeUtf8(buffer.subarray(0, length), path);
}

/** Strict UTF-8: a stray byte is an error at its line and column, never a silent U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, path: string): ReadResult {
  if (isUtf8(bytes)) return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
  const bad = firstInvalidByte(bytes);
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
  return failure(path, problem('SMP1001.invalidUtf8', { byte }), positionAfter(before));
}

/** The line and column just after `text` (1-based, columns in UTF-16 units as the YAML loader counts them). */
export function positionAfter(text: string): Position {
  const lastBreak = text.lastIndexOf('\n');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: text.length - lastBreak };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const size = sequenceLength(bytes, i);
    if (size === 0) return i;
    i += size;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  // [lead low, lead high, length, second-byte min, second-byte max]: no overlongs, surrogates or > U+10FFFF.
  const forms: [number, number, number, number, number][] = [
    [0xc2, 0xdf, 2, 0x80, 0xbf], [0xe0, 0xe0, 3, 0xa0, 0xbf], [0xe1, 0xec, 3, 0x80, 0xbf], [0xed, 0xed, 3, 0x80, 0x9f],
    [0xee, 0xef, 3, 0x80, 0xbf], [0xf0, 0xf0, 4, 0x90, 0xbf], [0xf1, 0xf3, 4, 0x80, 0xbf], [0xf4, 0xf4, 4, 0x80, 0x8f],
  ];
  const form = forms.find(([lo, hi]) => b >= lo && b <= hi);
  if (!form) return 0;
  const [, , length, min, max] = form;
  const second = bytes[i + 1];
  if (second === undefined || second < min || second > max) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

function failure(file: string, found: Problem, at: Position = { line: 1, col: 1 }): ReadResult {
  const { code, message } = formatProblem(found);
  return { ok: false, missing: false, diagnostic: { code, severity: severityOf(code), message, pointer: '', file, range: { start: at, end: at } } };
}
