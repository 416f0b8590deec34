import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The project a spec may read files from: the git work tree holding the spec (the folder with
 * `.git`, a folder or a worktree's file), else the spec's own folder. `code:`, local `file:`
 * inputs, `values:` and `template:` must stay inside it, links followed, unless the spec names
 * the outside path under `localFiles.allowOutside`: `code: ../../home/me/.aws` must not pack
 * credentials for upload because of a typo or a hostile spec.
 */
export function findProjectRoot(specDir: string): string {
  const start = realOrResolved(specDir);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** The real path (links resolved) when the path exists, else the absolute path as written. */
export function realOrResolved(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** `child` is `parent` or below it (both absolute and normalised). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Which real paths a compile may read: the project, and what the spec allows outside it. */
export class PathPolicy {
  constructor(readonly root: string, private readonly allowedOutside: readonly string[]) {}

  allows(realPath: string): boolean {
    return isInside(realPath, this.root) || this.allowedOutside.some((allowed) => isInside(realPath, allowed));
  }

  /** Where the root came from, for messages. */
  describeRoot(specDir: string): string {
    const rel = relative(realOrResolved(specDir), this.root) || '.';
    return existsSync(join(this.root, '.git')) ? `the git work tree at ${rel}` : `the spec's folder`;
  }
}
