import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Cache folders found usable, so the checks run once per process and folder. */
const checked = new Map<string, boolean>();

/**
 * smpipe's cache folder (compressed code archives, the CLI's V8 code cache): $SMPIPE_CACHE_DIR,
 * or smpipe-cache-<uid> in the OS temporary folder; undefined when SMPIPE_CACHE_DIR=off (or
 * empty) or when the folder is not usable. It must be ours and private (0700): in a shared
 * temporary folder, anyone else's files could otherwise be read as ours.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.SMPIPE_CACHE_DIR;
  if (configured === 'off' || configured === '') return undefined;
  const dir = configured ?? join(tmpdir(), `smpipe-cache-${process.getuid?.() ?? 'user'}`);
  let usable = checked.get(dir);
  if (usable === undefined) {
    usable = prepare(dir);
    checked.set(dir, usable);
  }
  return usable ? dir : undefined;
}

/** Creates the folder (0700) and checks it is a real folder, ours, and private. */
function prepare(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    const ours = process.getuid === undefined || stats.uid === process.getuid();
    return stats.isDirectory() && ours && (stats.mode & 0o077) === 0;
  } catch {
    return false; // a read-only or full disk: work without the cache
  }
}
