import { packListing, type PackedDirectory, type PackOptions } from './archive.js';
import { memorize, recall } from './pack-memo.js';
import { listFolder } from './walk.js';

/**
 * Packed folders by folder and options, with the listing's fingerprint (every path, size,
 * inode, mtime and ctime): a process that compiles again (tests, an editor, the benchmark,
 * watch mode) lists the folder (readdir and stat, no reads) and, when nothing changed, reuses
 * the archive without reading, hashing or scanning a byte.
 *
 * The one hole in stat-based caching (git's "racy clean" problem): a file written twice within
 * one tick of the file system's clock can keep its size and times. So a listing is remembered
 * only when its newest change is RACY_MS older than the listing itself; a folder edited just
 * now is packed afresh each time until its edits are older than that. What is remembered in
 * memory is also kept on disk for the next process (pack-memo.ts), under the same rule.
 */
const RACY_MS = 2000;
/** Archives held in memory at most (bytes); the least recently used go first. */
const MEMO_BYTES = 64 * 2 ** 20;

interface Remembered {
  fingerprint: string;
  packed: PackedDirectory;
  /** Bytes held in memory (0 for archives on disk). */
  held: number;
}

const memo = new Map<string, Remembered>();
let heldBytes = 0;

function keyOf(dir: string, options: PackOptions): string {
  return JSON.stringify([dir, options.excludeTests ?? false, options.exclude ?? [], options.maxBytes ?? null]);
}

function remember(key: string, entry: Remembered): void {
  const old = memo.get(key);
  if (old) heldBytes -= old.held;
  memo.delete(key);
  memo.set(key, entry);
  heldBytes += entry.held;
  for (const [oldKey, oldEntry] of memo) {
    if (heldBytes <= MEMO_BYTES) break;
    memo.delete(oldKey);
    heldBytes -= oldEntry.held;
  }
}

/** packDirectory with the stat-keyed memo: same result, no reads when the folder is unchanged. */
export function packDirectoryCached(dir: string, options: PackOptions = {}): PackedDirectory {
  const listedAt = Date.now();
  const listing = listFolder(dir, options);
  const key = keyOf(dir, options);
  const known = memo.get(key);
  if (known && known.fingerprint === listing.fingerprint) {
    remember(key, known); // most recently used
    return known.packed;
  }
  const settled = listing.newestChange < listedAt - RACY_MS;
  const recalled = settled ? recall(key, listing.fingerprint) : undefined;
  const packed = recalled ?? packListing(listing, options.label ?? dir);
  if (settled) {
    remember(key, { fingerprint: listing.fingerprint, packed, held: packed.path ? 0 : packed.size });
    if (!recalled && packed.tarSha256) memorize(key, listing.fingerprint, packed.tarSha256, packed);
  } else if (known) {
    memo.delete(key);
    heldBytes -= known.held;
  }
  return packed;
}
