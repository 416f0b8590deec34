import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIdentity } from '../util/build-identity.js';
import { cacheDir } from '../util/cache-dir.js';
import type { PackedDirectory } from './archive.js';
import { cachedArchive } from './deflate-cache.js';
import type { PackedSecret } from './secret-scan.js';

/**
 * pack-cache.ts's stat-keyed memo, kept on disk: a new `smpipe compile` process whose code folders
 * have not changed lists them (readdir, stat) and takes the archive from the deflate cache, without
 * reading, hashing, tarring or scanning a file. A memo file names an archive by the sha256 of its
 * tar stream and of its .tar.gz, and holds the archive's file list and the secrets found in it.
 *
 * Keyed by the folder, the pack options, the listing's fingerprint (every path, size, inode,
 * mtime and ctime; remembered only once the folder's newest change is older than the racy-clean
 * window, as in memory) and the build identity (util/build-identity.ts): without one (smpipe
 * running as modules) there is no memo, so results of one version's packer and secret scanner
 * never reach another. The archive is checked against its sha256 before it is used.
 */
const PREFIX = 'pack-';
/** Memo files kept (the most recently used): each is a few hundred bytes. */
export const KEEP_MEMOS = 1024;

interface MemoEntry {
  tarSha: string;
  sha256: string;
  size: number;
  files: string[];
  secrets: PackedSecret[];
}

function memoPath(key: string, fingerprint: string): string | undefined {
  const build = buildIdentity();
  const dir = build ? cacheDir() : undefined;
  if (!dir || !build) return undefined;
  const id = createHash('sha256').update(`${build}\n${key}\n${fingerprint}`).digest('hex');
  return join(dir, `${PREFIX}${id}.json`);
}

/** The packed folder a memo file describes, when its archive is still in the deflate cache, whole. */
export function recall(key: string, fingerprint: string): PackedDirectory | undefined {
  const path = memoPath(key, fingerprint);
  if (!path) return undefined;
  let entry: MemoEntry;
  try {
    entry = JSON.parse(readFileSync(path, 'utf8')) as MemoEntry;
    const now = new Date();
    utimesSync(path, now, now); // recently used: kept by pruning
  } catch {
    return undefined; // none yet, or unreadable
  }
  const archive = cachedArchive(entry.tarSha, entry.sha256, entry.size);
  if (!archive) return undefined;
  const { files, secrets, sha256, size, tarSha: tarSha256 } = entry;
  if (archive.bytes) return { bytes: archive.bytes, sha256, tarSha256, size, files, secrets };
  const packed = { path: archive.path, sha256, tarSha256, size, files, secrets };
  return Object.defineProperty(packed, 'bytes', { enumerable: true, get: () => readFileSync(archive.path) }) as PackedDirectory;
}

/** Writes the memo (whole or not at all); a full disk only costs speed. */
export function memorize(key: string, fingerprint: string, tarSha: string, packed: PackedDirectory): void {
  const path = memoPath(key, fingerprint);
  if (!path) return;
  const entry: MemoEntry = { tarSha, sha256: packed.sha256, size: packed.size, files: packed.files, secrets: packed.secrets };
  const part = `${path}.${process.pid}.part`;
  try {
    writeFileSync(part, JSON.stringify(entry), { mode: 0o600 });
    renameSync(part, path);
    prune(join(path, '..'));
  } catch {
    try {
      unlinkSync(part);
    } catch { /* never written */ }
  }
}

/** Keeps the KEEP_MEMOS most recently used memo files. */
function prune(dir: string): void {
  const names = readdirSync(dir).filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'));
  if (names.length <= KEEP_MEMOS) return;
  const used = names.flatMap((name) => {
    try {
      return [{ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }];
    } catch {
      return [];
    }
  });
  for (const old of used.sort((a, b) => b.used - a.used).slice(KEEP_MEMOS)) {
    try {
      unlinkSync(old.path);
    } catch { /* another process pruned it */ }
  }
}
