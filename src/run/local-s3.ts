/**
 * S3 on this machine: s3://bucket/key is the file <root>/bucket/key. Objects are files; a
 * "folder" is only a key prefix, as in S3. Reading a prefix follows the SageMaker Python SDK's
 * local mode (sagemaker-core/src/sagemaker/core/common_utils.py, download_folder): a URI that
 * names an object is that one file, placed under its base name; otherwise every object under
 * the prefix, at its key minus the prefix (leading "/" dropped).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export interface S3Object {
  key: string;
  path: string;
}

export function parseS3(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) return undefined;
  return { bucket: match[1] as string, key: match[2] as string };
}

/** A key's segments must stay inside the bucket folder. */
function safeKey(key: string): boolean {
  return !key.split('/').some((part) => part === '..' || part === '.');
}

export class LocalS3 {
  constructor(readonly root: string) {}

  /** The local file of s3://bucket/key (key as given: a trailing "/" names a folder). */
  pathOf(uri: string): string {
    const parsed = parseS3(uri);
    if (!parsed || !safeKey(parsed.key)) throw new Error(`not an S3 URI this runner can store: ${uri}`);
    return join(this.root, parsed.bucket, ...parsed.key.split('/').filter(Boolean));
  }

  /** Objects whose key starts with the URI's key, sorted by key. */
  list(uri: string): S3Object[] {
    const parsed = parseS3(uri);
    if (!parsed || !safeKey(parsed.key)) return [];
    const bucketDir = join(this.root, parsed.bucket);
    const slash = parsed.key.lastIndexOf('/');
    const start = join(bucketDir, ...parsed.key.slice(0, slash + 1).split('/').filter(Boolean));
    return walk(start)
      .map((path) => ({ key: relative(bucketDir, path).split(sep).join('/'), path }))
      .filter((o) => o.key.startsWith(parsed.key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Copies what the URI names into `target` (download_folder's rule); returns the files written. */
  download(uri: string, target: string): string[] {
    const parsed = parseS3(uri);
    if (!parsed) return [];
    mkdirSync(target, { recursive: true });
    const single = this.pathOf(uri);
    if (!parsed.key.endsWith('/') && isFile(single)) {
      const dest = join(target, basename(single));
      copyFileSync(single, dest);
      return [dest];
    }
    return this.list(uri).map((o) => {
      const dest = join(target, ...o.key.slice(parsed.key.length).split('/').filter(Boolean));
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(o.path, dest);
      return dest;
    });
  }

  /** Uploads every file under `dir` to `<uri>/<relative path>`; returns the number of files. */
  uploadDir(dir: string, uri: string): number {
    const base = uri.replace(/\/+$/, '');
    const files = walk(dir);
    for (const file of files) this.putFile(file, `${base}/${relative(dir, file).split(sep).join('/')}`);
    return files.length;
  }

  putFile(file: string, uri: string): void {
    const dest = this.pathOf(uri);
    mkdirSync(dirname(dest), { recursive: true });
    const temp = `${dest}.tmp-${process.pid}`;
    copyFileSync(file, temp);
    renameSync(temp, dest);
  }

  putText(uri: string, text: string): void {
    const dest = this.pathOf(uri);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(`${dest}.tmp-${process.pid}`, text);
    renameSync(`${dest}.tmp-${process.pid}`, dest);
  }

  /** The object's text, or undefined when there is no such object. */
  readText(uri: string): string | undefined {
    const path = this.pathOf(uri);
    return isFile(path) ? readFileSync(path, 'utf8') : undefined;
  }

  /** Whether the URI names an object or a prefix with at least one object. */
  has(uri: string): boolean {
    return isFile(this.pathOf(uri)) || this.list(uri).length > 0;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every file below `dir` (none when it does not exist); temp files of an upload in flight skipped. */
export function walk(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && !/\.tmp-\d+$/.test(entry.name)) out.push(path);
  }
  return out;
}
