import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { findCachedFile, openCacheWriter, readCached, writeCached } from './deflate-cache.js';
import { GzipWriter, gzipDeterministic } from './gzip.js';
import { sha256Hex } from './hash.js';
import { problem } from '../diagnostics/messages.js';
import { PackError } from './pack-error.js';
import { FileSecretScanner, type PackedSecret } from './secret-scan.js';
import { TAR_END, tarHeader, tarPadding } from './tar.js';
import { listFolder, type ListedEntry, type Listing, type WalkOptions } from './walk.js';

export { DEFAULT_EXCLUDES, IGNORE_FILE } from './walk.js';
export type PackOptions = WalkOptions;

export interface PackedDirectory {
  /** The .tar.gz bytes; identical for identical content on any machine, any day. Large archives are read from `path` on access. */
  readonly bytes: Buffer;
  /** Where the archive lies on disk when it is too large to keep in memory (the deflate cache). */
  path?: string;
  /** sha256 of the .tar.gz, lower-case hex. */
  sha256: string;
  /** sha256 of the uncompressed tar stream: the archive's key in the deflate cache. */
  tarSha256?: string;
  /** Length of the .tar.gz in bytes. */
  size: number;
  /** Archived files (not folders), relative with "/", in archive order. */
  files: string[];
  /** Secrets found in the archived files (an archive holding one must not be uploaded). */
  secrets: PackedSecret[];
}

/** Tar streams up to this size are kept in memory between hashing and compressing. */
const IN_MEMORY_BYTES = 16 * 2 ** 20;
/** Files are read this much at a time: memory stays flat whatever their size. */
const READ_CHUNK = 2 ** 20;

type Sink = (chunk: Buffer, file?: ListedEntry) => void;

/**
 * Reads one file into the sink chunk by chunk; it must still have the size listed. With `reuse`,
 * one buffer serves every read (the sink must be done with a chunk when it returns): a large
 * folder then streams through a fixed amount of memory instead of a MiB of garbage per read.
 */
function streamFile(entry: ListedEntry, label: string, sink: Sink, reuse?: Buffer): void {
  const fd = openSync(entry.source as string, 'r');
  try {
    let left = entry.size;
    while (left > 0) {
      const chunk = reuse ? reuse.subarray(0, Math.min(READ_CHUNK, left)) : Buffer.allocUnsafe(Math.min(READ_CHUNK, left));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      sink(n === chunk.length ? chunk : chunk.subarray(0, n), entry);
      left -= n;
    }
    if (left !== 0 || readSync(fd, Buffer.alloc(1), 0, 1, null) !== 0) throw changed(label, entry);
  } finally {
    closeSync(fd);
  }
}

function changed(label: string, entry: ListedEntry): PackError {
  return new PackError(problem('SMP6011.fileChanged', { folder: label, path: entry.path }));
}

/** The tar stream of a listing, in order: header, data, padding per entry, then the end blocks. */
function streamTar(listing: Listing, label: string, sink: Sink, reuse?: Buffer): void {
  for (const entry of listing.entries) {
    sink(tarHeader(entry, entry.size));
    if (entry.directory || entry.size === 0) continue;
    streamFile(entry, label, sink, reuse);
    const padding = tarPadding(entry.size);
    if (padding.length > 0) sink(padding);
  }
  sink(TAR_END);
}

interface FirstPass {
  tarSha: string;
  /** The tar stream, when small enough to keep. */
  tar?: Buffer;
  secrets: PackedSecret[];
}

/** Hashes the tar stream and scans every file for secrets; keeps the stream if it is small. */
function firstPass(listing: Listing, label: string): FirstPass {
  const hash = createHash('sha256');
  const kept: Buffer[] | undefined = listing.totalBytes <= IN_MEMORY_BYTES ? [] : undefined;
  const scanners = new Map<string, FileSecretScanner>();
  streamTar(listing, label, (chunk, file) => {
    hash.update(chunk);
    kept?.push(chunk);
    if (!file) return;
    let scanner = scanners.get(file.path);
    if (!scanner) scanners.set(file.path, (scanner = new FileSecretScanner(file.path)));
    scanner.push(chunk);
  }, kept ? undefined : Buffer.allocUnsafe(READ_CHUNK));
  const secrets = [...scanners.values()].flatMap((s) => (s.finding ? [s.finding] : []));
  return { tarSha: hash.digest('hex'), ...(kept ? { tar: Buffer.concat(kept) } : {}), secrets };
}

/** Compresses a large tar stream straight into the deflate cache, reading the files again. */
function compressToCache(listing: Listing, label: string, tarSha: string): { path?: string; bytes?: Buffer } {
  const writer = openCacheWriter(tarSha);
  const parts: Uint8Array[] = [];
  // No usable cache folder: the archive is built in memory (the cache is what keeps memory flat).
  const gzip = new GzipWriter(writer ? (bytes) => writer.write(bytes) : (bytes) => parts.push(bytes));
  const hash = createHash('sha256');
  try {
    streamTar(listing, label, (chunk) => {
      hash.update(chunk);
      gzip.push(chunk);
    }, Buffer.allocUnsafe(READ_CHUNK));
    gzip.finish();
    if (hash.digest('hex') !== tarSha) throw new PackError(problem('SMP6011.filesChanged', { folder: label }));
  } catch (error) {
    writer?.abort();
    throw error;
  }
  return writer ? { path: writer.commit() } : { bytes: Buffer.concat(parts) };
}

/** The archive of a first pass: from the deflate cache when it holds it, else compressed now. */
function compress(listing: Listing, label: string, pass: FirstPass): { bytes?: Buffer; path?: string } {
  if (pass.tar) {
    const cached = readCached(pass.tarSha, pass.tar);
    if (cached) return { bytes: cached };
    const bytes = gzipDeterministic(pass.tar);
    writeCached(pass.tarSha, bytes);
    return { bytes };
  }
  const path = findCachedFile(pass.tarSha);
  return path ? { path } : compressToCache(listing, label, pass.tarSha);
}

function sha256OfFile(path: string): { sha256: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Packs a listed folder into a reproducible .tar.gz: entries in bytewise path order, owners
 * root/0, mtime FIXED_MTIME, modes 0644/0755, gzip from gzip.ts. Streams: files are read a MiB at
 * a time, twice for large folders (hash, then compress into the deflate cache), never whole.
 */
export function packListing(listing: Listing, label: string): PackedDirectory {
  const pass = firstPass(listing, label);
  const archive = compress(listing, label, pass);
  const files = listing.entries.filter((e) => !e.directory).map((e) => e.path);
  if (archive.bytes) return { bytes: archive.bytes, sha256: sha256Hex(archive.bytes), tarSha256: pass.tarSha, size: archive.bytes.length, files, secrets: pass.secrets };
  const path = archive.path as string;
  const packed = { path, ...sha256OfFile(path), tarSha256: pass.tarSha, files, secrets: pass.secrets };
  // Read on demand: most consumers (the compile output, uploads) can stream from `path`.
  return Object.defineProperty(packed, 'bytes', { enumerable: true, get: () => readFileSync(path) }) as PackedDirectory;
}

/**
 * Packs a folder (see listFolder for what goes in and packListing for how). Throws PackError,
 * with a code and the folder as labelled, on a problem the user can fix.
 */
export function packDirectory(dir: string, options: PackOptions = {}): PackedDirectory {
  return packListing(listFolder(dir, options), options.label ?? dir);
}
