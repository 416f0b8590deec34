import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, posix, resolve } from 'node:path';
import type { PackedDirectory } from '../assets/archive.js';
import { sha256Hex } from '../assets/hash.js';
import { DEFAULT_MAX_ARCHIVE_MIB, type LocalFilesSpec } from '../assets/local-files-schema.js';
import { packDirectoryCached } from '../assets/pack-cache.js';
import { PackError } from '../assets/pack-error.js';
import { findProjectRoot, PathPolicy, realOrResolved } from '../assets/project-paths.js';
import { IGNORE_FILE } from '../assets/walk.js';
import type { Code } from '../diagnostics/codes.js';
import type { Reporter } from '../diagnostics/reporter.js';
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

/** Something wrong with a local path; `code` defaults to the caller's code for the field. */
export interface AssetProblem {
  code?: Code;
  message: string;
  hint?: string;
}

export type AssetResult = { ok: true; asset: Asset } | { ok: false; problems: AssetProblem[] };
export type TextResult = { ok: true; text: string } | { ok: false; problems: AssetProblem[] };
type Located = { ok: true; full: string } | { ok: false; problems: AssetProblem[] };

export interface AssetRegistryOptions {
  /** The spec's `localFiles:` settings. */
  localFiles?: LocalFilesSpec;
  /** Where problems with `localFiles:` itself are reported. */
  reporter?: Reporter;
}

const fail = (problem: AssetProblem): { ok: false; problems: AssetProblem[] } => ({ ok: false, problems: [problem] });

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
      if (!existsAt(resolve(baseDir, path))) options.reporter?.reportText('SMP6003', `/localFiles/allowOutside/${i}`, `${path} does not exist`);
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
    return fail({
      code: 'SMP6007',
      message: `${path} is outside the project (${this.policy.describeRoot(this.baseDir)})`,
      hint: `list it under localFiles.allowOutside in the spec if the spec is meant to read it`,
    });
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
    if (!isFile(located.full)) return fail({ message: `file ${path} not found`, ...didYouMean(located.full, path) });
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
    if (!isDirectory(full)) return fail({ code: 'SMP6001', message: `folder ${folder} not found`, ...didYouMean(full, folder, true) });
    let packed: PackedDirectory;
    try {
      packed = packDirectoryCached(full, { maxBytes: this.maxBytes, allowed: (real) => this.policy.allows(real), label: folder });
    } catch (error) {
      if (error instanceof PackError) return fail({ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
      // An unreadable file or folder: a problem with the folder, not a bug.
      return fail({ code: 'SMP6011', message: `cannot pack ${folder}: ${(error as Error).message}` });
    }
    if (packed.secrets.length > 0) {
      return {
        ok: false,
        problems: packed.secrets.map((s) => ({
          code: 'SMP6010' as const,
          message: `${posix.join(folder, s.file)}:${s.line} holds ${s.what}, which would be uploaded in ${name}`,
          hint: `remove it (pass secrets at run time, e.g. from AWS Secrets Manager), or leave the file out with ${posix.join(folder, IGNORE_FILE)} (gitignore syntax)`,
        })),
      };
    }
    return this.add(packed, name, folder);
  }

  addFile(path: string): AssetResult {
    const located = this.locate(path);
    if (!located.ok) return located;
    if (!isFile(located.full)) return fail({ message: `file ${path} not found`, ...didYouMean(located.full, path) });
    const bytes = readFileSync(located.full);
    return this.add({ bytes, sha256: sha256Hex(bytes), size: bytes.length }, basename(located.full), path);
  }

  addGenerated(bytes: Buffer, name: string): AssetResult {
    return this.add({ bytes, sha256: sha256Hex(bytes), size: bytes.length }, name, 'generated');
  }

  private add(content: Pick<PackedDirectory, 'bytes' | 'sha256' | 'size' | 'path'>, name: string, source: string): AssetResult {
    if (!this.artifacts) return fail({ code: 'SMP2002', message: 'set artifacts: (an S3 prefix) to store code and local files' });
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
function didYouMean(full: string, asWritten: string, folders = false): { hint?: string } {
  let names: string[];
  try {
    names = readdirSync(dirname(full), { withFileTypes: true }).filter((d) => !folders || d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
  } catch {
    return {};
  }
  const best = closest(basename(full), names);
  return best ? { hint: `did you mean ${posix.join(posix.dirname(asWritten), best)}?` } : {};
}
