import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { gzipDeterministic } from './gzip.js';
import { sha256Hex } from './hash.js';
import { writeTar, type TarEntry } from './tar.js';

/** Left out of every archive: caches and VCS or OS metadata, never code. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '__pycache__', '*.pyc', '.pytest_cache', '.git', '.DS_Store', 'node_modules',
];

export interface PackOptions {
  /** Also leave out `tests` folders (unit tests that need not ship to SageMaker). */
  excludeTests?: boolean;
  /** More names to leave out: exact file or folder names, or "*.ext" suffixes. */
  exclude?: readonly string[];
}

export interface PackedDirectory {
  /** The .tar.gz bytes; identical for identical content on any machine, any day. */
  bytes: Buffer;
  /** sha256 of `bytes`, lower-case hex. */
  sha256: string;
  /** Archived files (not folders), relative with "/", in archive order. */
  files: string[];
}

function matcher(options: PackOptions): (name: string) => boolean {
  const patterns = [...DEFAULT_EXCLUDES, ...(options.exclude ?? []), ...(options.excludeTests ? ['tests'] : [])];
  const exact = new Set(patterns.filter((p) => !p.startsWith('*')));
  const suffixes = patterns.filter((p) => p.startsWith('*')).map((p) => p.slice(1));
  return (name) => exact.has(name) || suffixes.some((suffix) => name.endsWith(suffix));
}

/** Bytewise order of the UTF-8 paths, the same under every locale (localeCompare is not). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Only "is it executable" survives: 0755 if any x bit is set, else 0644. */
function normalMode(stats: Stats): number {
  return stats.isDirectory() || (stats.mode & 0o111) !== 0 ? 0o755 : 0o644;
}

interface Walk {
  root: string;
  excluded: (name: string) => boolean;
  entries: TarEntry[];
  /** Real paths of the folders being walked, to catch a link back up the tree. */
  ancestors: Set<string>;
}

/** stat that follows links, with an error naming the relative path when a link is broken. */
function follow(walk: Walk, full: string, rel: string): Stats {
  try {
    return statSync(full);
  } catch {
    throw new Error(`cannot archive ${walk.root}: "${rel}" is a broken symbolic link or unreadable`);
  }
}

function visit(walk: Walk, dir: string, prefix: string): void {
  const real = realpathSync(dir);
  if (walk.ancestors.has(real)) {
    throw new Error(`cannot archive ${walk.root}: "${prefix || '.'}" links back to a folder that contains it (symlink cycle)`);
  }
  walk.ancestors.add(real);
  for (const name of readdirSync(dir).sort(byteOrder)) {
    if (walk.excluded(name)) continue;
    const full = join(dir, name);
    const rel = `${prefix}${name}`;
    const stats = follow(walk, full, rel);
    if (stats.isDirectory()) {
      walk.entries.push({ path: `${rel}/`, mode: 0o755 });
      visit(walk, full, `${rel}/`);
    } else if (stats.isFile()) {
      walk.entries.push({ path: rel, mode: normalMode(stats), data: readFileSync(full) });
    }
    // sockets, FIFOs and devices have no place in a code archive: skipped
  }
  walk.ancestors.delete(real);
}

/**
 * Packs a folder into a reproducible .tar.gz: entries in bytewise path order, symbolic links
 * replaced by copies of what they point to (a container folder's `jobkit -> ../common/jobkit`
 * must arrive as real files), owners root/0, mtime FIXED_MTIME, modes 0644/0755, our own gzip.
 * Throws (with the path) on a symlink cycle, a broken link, or a path ustar cannot hold.
 */
export function packDirectory(dir: string, options: PackOptions = {}): PackedDirectory {
  const walk: Walk = { root: dir, excluded: matcher(options), entries: [], ancestors: new Set() };
  if (!statSync(dir).isDirectory()) throw new Error(`cannot archive ${dir}: not a folder`);
  visit(walk, dir, '');
  // Children are visited in order already, but "a/" and "a-b" interleave differently as
  // full paths than as names; sort the full paths so the order is exactly bytewise.
  walk.entries.sort((a, b) => byteOrder(a.path, b.path));
  const { bytes, sha256 } = gzipOnce(writeTar(walk.entries));
  const files = walk.entries.filter((e) => e.data !== undefined).map((e) => e.path);
  return { bytes, sha256, files };
}

/**
 * Compressed archives by the sha256 of their tar stream. gzipDeterministic is a pure function of
 * that stream, so this only skips repeated work: steps sharing one code folder, and a process that
 * compiles again (watch mode, an editor, tests), would otherwise deflate the same bytes each time.
 * The folder is still read on every pack, so an edited file is never missed. Oldest entries leave
 * first once the archives held pass MEMO_LIMIT bytes.
 */
const memo = new Map<string, { bytes: Buffer; sha256: string }>();
const MEMO_LIMIT = 64 * 1024 * 1024;
let memoBytes = 0;

function gzipOnce(tar: Buffer): { bytes: Buffer; sha256: string } {
  const key = sha256Hex(tar);
  const known = memo.get(key);
  if (known) return known;
  const bytes = gzipDeterministic(tar);
  const packed = { bytes, sha256: sha256Hex(bytes) };
  memo.set(key, packed);
  memoBytes += bytes.length;
  for (const [oldKey, old] of memo) {
    if (memoBytes <= MEMO_LIMIT) break;
    memo.delete(oldKey);
    memoBytes -= old.bytes.length;
  }
  return packed;
}
