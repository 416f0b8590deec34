import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ignore, Options } from 'ignore';
import { problem } from '../diagnostics/messages.js';
import { PackError } from './pack-error.js';
import type { TarEntry } from './tar.js';

/** The ignore file a code folder may hold at its top, in gitignore syntax. */
export const IGNORE_FILE = '.smpipeignore';

/** Left out of every archive unless the ignore file re-includes them (`!name`): never code. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '.git', '__pycache__', '*.pyc', '.venv', 'node_modules', '.pytest_cache', '.mypy_cache', '.DS_Store',
];

export interface WalkOptions {
  /** Also leave out `tests` folders (unit tests that need not ship to SageMaker). */
  excludeTests?: boolean;
  /** More patterns to leave out, in gitignore syntax (`name`, `*.ext`, `dir/`). */
  exclude?: readonly string[];
  /** Whether a folder or file a symbolic link leads to may be packed (its real path). */
  allowed?: (realPath: string) => boolean;
  /** Refuse the folder when its files add up to more than this many bytes. */
  maxBytes?: number;
  /** The folder as the user named it, for messages (default: its path). */
  label?: string;
}

/** One entry of the archive: a folder, or a file with where to read it and its size. */
export interface ListedEntry extends TarEntry {
  /** Absolute path to read a file from (links followed); undefined for folders. */
  source?: string;
  size: number;
}

export interface Listing {
  entries: ListedEntry[];
  /** Sum of the files' sizes. */
  totalBytes: number;
  /**
   * Every path, mode, size, inode and change time, and the ignore file's: equal fingerprints mean
   * no file was added, removed or written since (see pack-cache.ts for the one exception).
   */
  fingerprint: string;
  /** Latest ctime or mtime (ms) among the entries: how recently anything changed. */
  newestChange: number;
}

interface Walk {
  root: string;
  rules: Ignore;
  allowed: (realPath: string) => boolean;
  listing: Listing;
  fingerprint: string[];
  /** Real paths of the folders being walked, to catch a link back up the tree. */
  ancestors: Set<string>;
}

/** Bytewise order of the UTF-8 paths, the same under every locale (localeCompare is not). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Only "is it executable" survives: 0755 if any x bit is set, else 0644. */
function normalMode(stats: Stats): number {
  return stats.isDirectory() || (stats.mode & 0o111) !== 0 ? 0o755 : 0o644;
}

/**
 * `ignore` (the gitignore matcher of eslint and prettier) rather than our own: gitignore syntax
 * has many corners (negation, anchoring, `**`, escapes) and `ignore` is a pure function of the
 * patterns and the path, with no file system or platform lookups, so it keeps packing
 * deterministic; ignorecase is turned off so a macOS and a Linux checkout pack the same files.
 * Required on first use, as CommonJS: a static ESM import of it cost every smpipe process
 * (`--version` included) some 30 ms of CPU on Node 20.
 */
function newMatcher(): Ignore {
  makeMatcher ??= createRequire(import.meta.url)('ignore') as (options?: Options) => Ignore;
  return makeMatcher({ ignorecase: false });
}
let makeMatcher: ((options?: Options) => Ignore) | undefined;

/**
 * Matchers by their patterns: building one compiles a regular expression per rule, and each
 * remembers its answers, so folders (and compiles) with the same rules share one. Bounded:
 * a process that sees endless distinct ignore files starts over.
 */
const matchers = new Map<string, Ignore>();
const MAX_MATCHERS = 256;

function rulesFor(dir: string, options: WalkOptions): Ignore {
  const file = join(dir, IGNORE_FILE);
  const patterns = [...DEFAULT_EXCLUDES, ...(options.excludeTests ? ['tests'] : []), ...(options.exclude ?? [])];
  const fileText = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const key = JSON.stringify([patterns, fileText]);
  let rules = matchers.get(key);
  if (!rules) {
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    // The file's text is added alone: a string given by itself is split into lines, one in a list is not.
    rules = newMatcher().add(patterns).add(fileText);
    matchers.set(key, rules);
  }
  return rules;
}

/** stat that follows links, with an error naming the relative path when a link is broken. */
function follow(walk: Walk, full: string, rel: string): Stats {
  try {
    return statSync(full);
  } catch {
    throw new PackError(problem('SMP6011.brokenLink', { folder: walk.root, path: rel }));
  }
}

/** A link may lead anywhere; its target must be a place the spec may read. */
function linkTarget(walk: Walk, full: string, rel: string): string {
  const real = realpathSync.native(full);
  if (!walk.allowed(real)) {
    throw new PackError(problem('SMP6007.linkOutside', { folder: walk.root, path: rel, target: real }));
  }
  return real;
}

/** `real` is the folder's real path: only links need realpath (a syscall per path component). */
function visit(walk: Walk, dir: string, real: string, prefix: string): void {
  if (walk.ancestors.has(real)) {
    throw new PackError(problem('SMP6011.linkCycle', { folder: walk.root, path: prefix.slice(0, -1) }));
  }
  walk.ancestors.add(real);
  for (const dirent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byteOrder(a.name, b.name))) {
    const full = join(dir, dirent.name);
    const rel = `${prefix}${dirent.name}`;
    const stats = follow(walk, full, rel);
    if (walk.rules.ignores(stats.isDirectory() ? `${rel}/` : rel)) continue;
    if (!stats.isDirectory() && !stats.isFile()) continue; // sockets, FIFOs, devices: no place in code
    const target = dirent.isSymbolicLink() ? linkTarget(walk, full, rel) : join(real, dirent.name);
    if (stats.isDirectory()) {
      addEntry(walk, { path: `${rel}/`, mode: 0o755, directory: true, size: 0 }, stats);
      visit(walk, full, target, `${rel}/`);
    } else {
      addEntry(walk, { path: rel, mode: normalMode(stats), directory: false, size: stats.size, source: full }, stats);
    }
  }
  walk.ancestors.delete(real);
}

function addEntry(walk: Walk, entry: ListedEntry, stats: Stats): void {
  const { listing } = walk;
  listing.entries.push(entry);
  listing.totalBytes += entry.size;
  listing.newestChange = Math.max(listing.newestChange, stats.ctimeMs, stats.mtimeMs);
  walk.fingerprint.push(`${entry.path}\0${entry.mode}\0${stats.size}\0${stats.dev}\0${stats.ino}\0${stats.mtimeMs}\0${stats.ctimeMs}`);
}

function fingerprintOfIgnoreFile(dir: string): string {
  try {
    const stats = statSync(join(dir, IGNORE_FILE));
    return `${IGNORE_FILE}\0${stats.size}\0${stats.ino}\0${stats.mtimeMs}\0${stats.ctimeMs}`;
  } catch {
    return `${IGNORE_FILE}\0none`;
  }
}

/**
 * Lists what goes into a code archive, in bytewise path order: links followed (a container
 * folder's `jobkit -> ../common/jobkit` must arrive as real files) but only to places `allowed`,
 * the ignore file and DEFAULT_EXCLUDES applied, nothing read but the ignore file.
 * Throws PackError on a symlink cycle, a broken link, a link leaving the project, or a folder
 * over maxBytes.
 */
export function listFolder(dir: string, options: WalkOptions = {}): Listing {
  const label = options.label ?? dir;
  if (!statSync(dir).isDirectory()) throw new PackError(problem('SMP6001.notAFolder', { folder: label }));
  const listing: Listing = { entries: [], totalBytes: 0, fingerprint: '', newestChange: 0 };
  const walk: Walk = { root: label, rules: rulesFor(dir, options), allowed: options.allowed ?? (() => true), listing, fingerprint: [fingerprintOfIgnoreFile(dir)], ancestors: new Set() };
  visit(walk, dir, realpathSync.native(dir), '');
  // Children are visited in order already, but "a/" and "a-b" interleave differently as
  // full paths than as names; sort the full paths so the order is exactly bytewise.
  listing.entries.sort((a, b) => byteOrder(a.path, b.path));
  listing.fingerprint = walk.fingerprint.sort(byteOrder).join('\n');
  if (options.maxBytes !== undefined && listing.totalBytes > options.maxBytes) throw tooLarge(label, listing, options.maxBytes);
  return listing;
}

function tooLarge(label: string, listing: Listing, maxBytes: number): PackError {
  const mib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
  const largest = listing.entries.filter((e) => !e.directory).sort((a, b) => b.size - a.size).slice(0, 3);
  const listed = largest.map((e) => `${e.path} (${mib(e.size)})`).join(', ');
  return new PackError(problem('SMP6008.tooLarge', { folder: label, size: mib(listing.totalBytes), limit: mib(maxBytes), largest: listed, ignoreFile: IGNORE_FILE }));
}
