import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cacheDir } from '../util/cache-dir.js';
import { COMPRESSOR, fflate } from './gzip.js';
import { fileSha256, sha256Hex } from './hash.js';

/**
 * Compressed code archives on disk, keyed by the sha256 of their tar stream and the compressor
 * (gzip.ts's COMPRESSOR): a new `smpipe compile` process reads and hashes the folder but need not
 * deflate it again. Compression is a pure function of the tar bytes, so the cache only saves
 * work; still, an entry is never trusted unchecked: it must inflate to exactly the tar it is
 * named after (a truncated or corrupted file is compressed afresh).
 *
 * Where: util/cache-dir.ts ($SMPIPE_CACHE_DIR, or smpipe-cache-<uid> in the OS temporary folder;
 * SMPIPE_CACHE_DIR=off turns it off). Others could not plant bytes anyway (they would fail the
 * check) but could read our code. Concurrency: entries are written to a
 * unique temporary name and renamed into place, so readers see whole files or none; several
 * processes writing the same entry write the same bytes. The least recently used entries go
 * when the folder holds over LIMITS.bytes, never one used in the last LIMITS.inUseMs (a compile
 * still copying it out).
 */
export const LIMITS = { bytes: 2 * 2 ** 30, inUseMs: 10 * 60_000, partMs: 60 * 60_000 };

function entryPath(dir: string, tarSha: string): string {
  const key = createHash('sha256').update(`${COMPRESSOR}\n${tarSha}`).digest('hex');
  return join(dir, `${key}.gz`);
}

/** A cached archive that inflates to `tar` exactly, or undefined. Small archives: in memory. */
export function readCached(tarSha: string, tar: Buffer): Buffer | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const path = entryPath(dir, tarSha);
  try {
    const gz = readFileSync(path);
    if (!gunzipSync(gz).equals(tar)) return undefined;
    touch(path);
    return gz;
  } catch {
    return undefined; // missing, unreadable or not gzip: compress again
  }
}

/** The path of a cached archive whose content inflates to a tar with sha256 `tarSha`, or undefined. */
export function findCachedFile(tarSha: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const path = entryPath(dir, tarSha);
  try {
    if (inflatedSha256(path) !== tarSha) return undefined;
    touch(path);
    return path;
  } catch {
    return undefined;
  }
}

/** Archives up to this size come back in memory from cachedArchive; larger ones by path. */
const IN_MEMORY_BYTES = 16 * 2 ** 20;

/**
 * The archive of the tar stream with sha256 `tarSha`, when the cached file has exactly `size`
 * bytes and sha256 `sha256` (pack-memo.ts knows both): no inflating needed, the archive's own
 * hash proves it whole. Small archives come back in memory, large ones as a path.
 */
export function cachedArchive(tarSha: string, sha256: string, size: number): { bytes?: Buffer; path: string } | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const path = entryPath(dir, tarSha);
  try {
    if (statSync(path).size !== size) return undefined;
    const bytes = size <= IN_MEMORY_BYTES ? readFileSync(path) : undefined;
    if ((bytes ? sha256Hex(bytes) : fileSha256(path)) !== sha256) return undefined;
    touch(path);
    return bytes ? { bytes, path } : { path };
  } catch {
    return undefined; // evicted meanwhile, or unreadable
  }
}

/** sha256 of what a gzip file inflates to, reading it in chunks (large archives). */
function inflatedSha256(path: string): string {
  const hash = createHash('sha256');
  let ended = false;
  const gunzip = new (fflate().Gunzip)((data, final) => {
    hash.update(data);
    ended ||= final;
  });
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) gunzip.push(buffer.subarray(0, n));
    gunzip.push(new Uint8Array(0), true);
  } finally {
    closeSync(fd);
  }
  if (!ended) throw new Error('truncated');
  return hash.digest('hex');
}

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // another process evicted it meanwhile: what we read was whole and checked
  }
}

/** A file being written into the cache; commit() renames it into place. */
export interface CacheWriter {
  write(bytes: Uint8Array): void;
  /** Puts the entry in place and returns its path. */
  commit(): string;
  abort(): void;
}

export function openCacheWriter(tarSha: string): CacheWriter | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const final = entryPath(dir, tarSha);
  const part = `${final}.${process.pid}.${randomUUID()}.part`;
  let fd: number;
  try {
    // 0644 like every other output file (copies keep it); the 0700 folder keeps others out.
    fd = openSync(part, 'wx', 0o644);
  } catch {
    return undefined;
  }
  const abort = () => {
    try {
      closeSync(fd);
    } catch { /* closed already */ }
    try {
      unlinkSync(part);
    } catch { /* gone already */ }
  };
  return {
    write: (bytes) => {
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    },
    commit: () => {
      closeSync(fd);
      renameSync(part, final);
      evict(dir);
      return final;
    },
    abort,
  };
}

/** Stores an in-memory archive (best effort: a full disk only costs speed). */
export function writeCached(tarSha: string, gz: Uint8Array): void {
  const writer = openCacheWriter(tarSha);
  if (!writer) return;
  try {
    writer.write(gz);
    writer.commit();
  } catch {
    writer.abort();
  }
}

/** Oldest first, leaves entries until the folder holds at most LIMITS.bytes; stale parts go too. */
function evict(dir: string): void {
  const now = Date.now();
  const entries = readdirSync(dir).flatMap((name) => {
    try {
      const stats = statSync(join(dir, name));
      return [{ path: join(dir, name), size: stats.size, used: stats.mtimeMs, part: name.endsWith('.part') }];
    } catch {
      return [];
    }
  });
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  for (const entry of entries.sort((a, b) => a.used - b.used)) {
    const stalePart = entry.part && now - entry.used > LIMITS.partMs;
    const overflow = !entry.part && total > LIMITS.bytes && now - entry.used > LIMITS.inUseMs;
    if (!stalePart && !overflow) continue;
    try {
      unlinkSync(entry.path);
      total -= entry.size;
    } catch { /* another process took it */ }
  }
}
