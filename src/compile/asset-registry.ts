import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, posix, resolve } from 'node:path';
import type { PackedDirectory } from '../assets/archive.js';
import { sha256Hex } from '../assets/hash.js';
import { DEFAULT_MAX_ARCHIVE_MIB, type LocalFilesSpec } from '../assets/local-files-schema.js';
import { packDirectoryCached } from '../assets/pack-cache.js';
import { PackError } from '../assets/pack-error.js';
import { findProjectRoot, PathPolicy, realOrResolved } from '../assets/project-paths.js';
import { IGNORE_FILE } from '../assets/walk.js';
import { problem, withHint, type Problem } from '../diagnostics/messages.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { joinPointer } from '../spec/pointer.js';
import { closest } from '../util/suggest.js';

export interface Asset {
  /** File name inside its content-addressed folder. */
  name: string;
  /** Where it came from: a path relative to the spec file, or `generated`. */
  source: string;
  sha256: string;
  size: number;
  /** Relative path of the asset inside the compile output folder. */
  file: string;
  s3Uri: string;
  /** The content; for a large archive (see `path`) read from disk on each access. */
  readonly bytes: Buffer;
  /** Where the bytes lie on disk when they are too large to keep in memory: stream from here. */
  path?: string;
}

/** What is wrong with a local path, for the caller to report at the field that names it. */
type Failure = { ok: false; problems: Problem[] };

export type AssetResult = { ok: true; asset: Asset } | Failure;
export type TextResult = { ok: true; text: string } | Failure;
type Located = { ok: true; full: string } | Failure;

export interface AssetRegistryOptions {
  /** The spec's `localFiles:` settings. */
  localFiles?: LocalFilesSpec;
  /** Where problems with `localFiles:` itself are reported. */
  reporter?: Reporter;
}

const fail = (found: Problem): Failure => ({ ok: false, problems: [found] });

/**
 * Collects the files a definition points at. Keys are content-addressed
 * (`<artifacts>/assets/<sha256>/<name>`), so an unchanged folder keeps its URI and
 * the definition stays byte-identical: step caching keeps working. Every local path is
 * checked against the project boundary (project-paths.ts) before anything is read.
 */
export class AssetRegistry {
  private readonly byKey = new Map<string, Asset>();
  /** Folders packed in this compile: a folder many steps share is listed and packed once. */
  private readonly packed = new Map<string, AssetResult>();
  private readonly policy: PathPolicy;
  private readonly maxBytes: number;

  constructor(private readonly baseDir: string, private readonly artifacts: string | undefined, options: AssetRegistryOptions = {}) {
    const allowOutside = options.localFiles?.allowOutside ?? [];
    allowOutside.forEach((path, i) => {
      if (!existsAt(resolve(baseDir, path))) options.reporter?.report('SMP6003.allowOutsideMissing', joinPointer('/localFiles/allowOutside', i), { path });
    });
    this.policy = new PathPolicy(findProjectRoot(baseDir), allowOutside.map((path) => realOrResolved(resolve(baseDir, path))));
    this.maxBytes = (options.localFiles?.maxArchiveMiB ?? DEFAULT_MAX_ARCHIVE_MIB) * 2 ** 20;
  }

  get assets(): Asset[] {
    // Code-unit order: localeCompare follows LANG (da_DK puts "Data.csv" before "data.csv", en_US after).
    return [...this.byKey.values()].sort((a, b) => (a.s3Uri < b.s3Uri ? -1 : a.s3Uri > b.s3Uri ? 1 : 0));
  }

  /** The absolute path, when it is inside the project or allowed outside it (links resolved). */
  private locate(path: string): Located {
    const full = resolve(this.baseDir, path);
    if (this.policy.allows(realOrResolved(full))) return { ok: true, full };
    return fail(problem('SMP6007.outsideProject', { path, root: this.policy.describeRoot(this.baseDir) }));
  }

  /** Whether a path exists and may be read. */
  exists(path: string): boolean {
    const located = this.locate(path);
    return located.ok && existsAt(located.full);
  }

  /** A file's text, for kinds that render it at compile time. */
  readText(path: string): TextResult {
    const located = this.locate(path);
    if (!located.ok) return located;
    if (!isFile(located.full)) return fail(withHint(problem('SMP6003.fileNotFound', { path }), didYouMean(located.full, path)));
    return { ok: true, text: readFileSync(located.full, 'utf8') };
  }

  packFolder(folder: string, name: string): AssetResult {
    const located = this.locate(folder);
    if (!located.ok) return located;
    const key = `${located.full}\0${name}`;
    let result = this.packed.get(key);
    if (!result) {
      result = this.pack(located.full, folder, name);
      this.packed.set(key, result);
    }
    return result;
  }

  private pack(full: string, folder: string, name: string): AssetResult {
    if (!isDirectory(full)) return fail(withHint(problem('SMP6001.folderNotFound', { folder }), didYouMean(full, folder, true)));
    let packed: PackedDirectory;
    try {
      packed = packDirectoryCached(full, { maxBytes: this.maxBytes, allowed: (real) => this.policy.allows(real), label: folder });
    } catch (error) {
      if (error instanceof PackError) return fail(error.problem);
      // An unreadable file or folder: a problem with the folder, not a bug.
      return fail(problem('SMP6011.unreadable', { folder, problem: (error as Error).message }));
    }
    if (packed.secrets.length > 0) {
      const ignoreFile = posix.join(folder, IGNORE_FILE);
      return { ok: false, problems: packed.secrets.map((s) => problem('SMP6010.secretInCode', { file: posix.join(folder, s.file), line: s.line, what: s.what, archive: name, ignoreFile })) };
    }
    return this.add(packed, name, folder);
  }

  addFile(path: string): AssetResult {
    const located = this.locate(path);
    if (!located.ok) return located;
    if (!isFile(located.full)) return fail(withHint(problem('SMP6003.fileNotFound', { path }), didYouMean(located.full, path)));
    const bytes = readFileSync(located.full);
    return this.add({ bytes, sha256: sha256Hex(bytes), size: bytes.length }, basename(located.full), path);
  }

  addGenerated(bytes: Buffer, name: string): AssetResult {
    return this.add({ bytes, sha256: sha256Hex(bytes), size: bytes.length }, name, 'generated');
  }

  private add(content: Pick<PackedDirectory, 'bytes' | 'sha256' | 'size' | 'path'>, name: string, source: string): AssetResult {
    if (!this.artifacts) return fail(problem('SMP2002.assetsNeedArtifacts'));
    const { sha256, size, path } = content;
    const s3Uri = `${this.artifacts.replace(/\/+$/, '')}/assets/${sha256}/${name}`;
    const existing = this.byKey.get(s3Uri);
    if (existing) return { ok: true, asset: existing };
    const fields = { name, source, sha256, size, file: `assets/${sha256}/${name}`, s3Uri };
    const asset: Asset = path
      ? Object.defineProperty({ ...fields, path }, 'bytes', { enumerable: true, get: () => readFileSync(path) }) as Asset
      : { ...fields, bytes: content.bytes };
    this.byKey.set(s3Uri, asset);
    return { ok: true, asset };
  }
}

function existsAt(full: string): boolean {
  try {
    statSync(full);
    return true;
  } catch {
    return false;
  }
}

function isFile(full: string): boolean {
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

function isDirectory(full: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/** "did you mean ../containers/train-dpo?" for a near miss among the siblings (`train_dpo`). */
function didYouMean(full: string, asWritten: string, folders = false): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dirname(full), { withFileTypes: true }).filter((d) => !folders || d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
  } catch {
    return undefined;
  }
  const best = closest(basename(full), names);
  return best ? `did you mean ${posix.join(posix.dirname(asWritten), best)}?` : undefined;
}
