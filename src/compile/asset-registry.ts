import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { packDirectory } from '../assets/archive.js';
import { sha256Hex } from '../assets/hash.js';

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
  bytes: Buffer;
}

export type AssetResult = { ok: true; asset: Asset } | { ok: false; message: string };

/**
 * Collects the files a definition points at. Keys are content-addressed
 * (`<artifacts>/assets/<sha256>/<name>`), so an unchanged folder keeps its URI and
 * the definition stays byte-identical: step caching keeps working.
 */
export class AssetRegistry {
  private readonly byKey = new Map<string, Asset>();

  constructor(private readonly baseDir: string, private readonly artifacts: string | undefined) {}

  get assets(): Asset[] {
    // Code-unit order: localeCompare follows LANG (da_DK puts "Data.csv" before "data.csv", en_US after).
    return [...this.byKey.values()].sort((a, b) => (a.s3Uri < b.s3Uri ? -1 : a.s3Uri > b.s3Uri ? 1 : 0));
  }

  exists(path: string): boolean {
    return existsSync(resolve(this.baseDir, path));
  }

  /** A file's text, for kinds that render it at compile time; undefined when it is not a file. */
  readText(path: string): string | undefined {
    const full = resolve(this.baseDir, path);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
  }

  isDirectory(path: string): boolean {
    const full = resolve(this.baseDir, path);
    return existsSync(full) && statSync(full).isDirectory();
  }

  packFolder(folder: string, name: string): AssetResult {
    const full = resolve(this.baseDir, folder);
    if (!existsSync(full) || !statSync(full).isDirectory()) return { ok: false, message: `folder ${folder} not found` };
    let packed;
    try {
      packed = packDirectory(full);
    } catch (error) {
      // A broken or looping symlink, an unreadable file: a problem with the folder, not a bug.
      return { ok: false, message: `cannot pack ${folder}: ${(error as Error).message}` };
    }
    return this.add(packed.bytes, name, folder, packed.sha256);
  }

  addFile(path: string): AssetResult {
    const full = resolve(this.baseDir, path);
    if (!existsSync(full) || !statSync(full).isFile()) return { ok: false, message: `file ${path} not found` };
    return this.add(readFileSync(full), basename(full), path);
  }

  addGenerated(bytes: Buffer, name: string): AssetResult {
    return this.add(bytes, name, 'generated');
  }

  private add(bytes: Buffer, name: string, source: string, sha = sha256Hex(bytes)): AssetResult {
    if (!this.artifacts) return { ok: false, message: 'set artifacts: (an S3 prefix) to store code and local files' };
    const s3Uri = `${this.artifacts.replace(/\/+$/, '')}/assets/${sha}/${name}`;
    const existing = this.byKey.get(s3Uri);
    if (existing) return { ok: true, asset: existing };
    const asset: Asset = { name, source, sha256: sha, size: bytes.length, file: `assets/${sha}/${name}`, s3Uri, bytes };
    this.byKey.set(s3Uri, asset);
    return { ok: true, asset };
  }
}
