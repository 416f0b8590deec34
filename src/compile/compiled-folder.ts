/**
 * The compiled folder, `build/<pipeline>/`: the contract between compile and the stages after it.
 * Deploy (plan, upsert, start) and the local runner read it, never the spec again, so what was
 * reviewed is what is registered and what runs. This reader checks the folder before anyone
 * trusts it: the manifest's shape and version, definition.json and every asset against the
 * sha256 and size the manifest gives, and that no asset path leaves the folder (a crafted
 * manifest must not upload ~/.aws/credentials). It reads files only; it never imports @aws-sdk.
 *
 *   const folder = readCompiledFolder('build/llama3-dpo-alignment');   // throws CompiledFolderError
 *   folder.definition, folder.manifest.parameters, folder.assetsByS3Uri.get(uri)?.path
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileSha256 } from '../assets/hash.js';
import type { Json } from '../expr/types.js';
import { MANIFEST_VERSION, type Manifest, type ManifestAsset } from './manifest.js';
import { checkManifestShape } from './manifest-shape.js';

export const MANIFEST_FILE = 'manifest.json';
export const DEFINITION_FILE = 'definition.json';

/** An asset of the folder: the manifest's entry plus the absolute path of its (hash-checked) file. */
export interface FolderAsset extends ManifestAsset {
  path: string;
}

export interface CompiledFolder {
  /** Absolute path of the folder. */
  dir: string;
  manifest: Manifest;
  /** definition.json exactly as written: the bytes CreatePipeline receives. */
  definitionText: string;
  definition: Json;
  /** Absolute path of definition.json. */
  definitionPath: string;
  /** The manifest's assets in manifest order, each with its file's absolute path. */
  assets: FolderAsset[];
  /** Assets by S3 URI: how the runner maps the definition's `s3://` inputs to local files. */
  assetsByS3Uri: ReadonlyMap<string, FolderAsset>;
}

/**
 * SMP9013: not a compiled folder (no or malformed manifest, missing file, path outside the folder,
 * another manifest version). SMP9014: a file differs from the sha256 or size in the manifest.
 */
export class CompiledFolderError extends Error {
  constructor(readonly code: 'SMP9013' | 'SMP9014', message: string, readonly hint: string) {
    super(message);
    this.name = 'CompiledFolderError';
  }
}

const RECOMPILE = 'compile the spec again (smpipe compile SPEC, or pass the spec itself) and do not edit the folder by hand';

/** Whether `path` is a folder holding a manifest.json (a compiled folder, checked or not). */
export function isCompiledFolder(path: string): boolean {
  return existsSync(join(path, MANIFEST_FILE)) && statSync(path).isDirectory();
}

/** Reads and checks a compiled folder; throws CompiledFolderError when it cannot be trusted. */
export function readCompiledFolder(path: string): CompiledFolder {
  const dir = resolve(path);
  const manifest = readManifest(dir, path);
  const definitionPath = join(dir, DEFINITION_FILE);
  const definitionText = readDefinition(definitionPath, `${path}/${DEFINITION_FILE}`, manifest.definition);
  const definition = parseJson(definitionText, `${path}/${DEFINITION_FILE}`) as Json;
  const assets = manifest.assets.map((asset) => {
    const file = insideFolder(dir, asset.file, path);
    verifyFile(file, `${path}/${asset.file}`, asset);
    return { ...asset, path: file };
  });
  return { dir, manifest, definitionText, definition, definitionPath, assets, assetsByS3Uri: new Map(assets.map((a) => [a.s3Uri, a])) };
}

function readManifest(dir: string, shown: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CompiledFolderError('SMP9013', `${shown} is not a folder`, RECOMPILE);
  if (!existsSync(file)) throw new CompiledFolderError('SMP9013', `${shown} is not a compiled folder: it has no ${MANIFEST_FILE}`, `pass a spec (.yaml) or a folder written by smpipe compile`);
  const raw = parseJson(readFileSync(file, 'utf8'), `${shown}/${MANIFEST_FILE}`);
  const version = (raw as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (version !== MANIFEST_VERSION) {
    throw new CompiledFolderError('SMP9013', `${shown}/${MANIFEST_FILE} has manifest version ${JSON.stringify(version ?? null)}; this smpipe reads version ${MANIFEST_VERSION}`, 'compile the spec again with this smpipe');
  }
  const problem = checkManifestShape(raw);
  if (problem) throw new CompiledFolderError('SMP9013', `${shown}/${MANIFEST_FILE} is malformed: ${problem}`, RECOMPILE);
  return raw as Manifest;
}

function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CompiledFolderError('SMP9013', `${shown} is not JSON (${(error as Error).message})`, RECOMPILE);
  }
}

/** The absolute path of a manifest-relative file, refused when it would leave the folder. */
function insideFolder(dir: string, file: string, shown: string): string {
  const full = resolve(dir, file);
  const rel = relative(dir, full);
  if (isAbsolute(file) || rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new CompiledFolderError('SMP9013', `${shown}/${MANIFEST_FILE} names an asset outside the folder: ${JSON.stringify(file)}`, RECOMPILE);
  }
  return full;
}

/** Size first (cheap), then the sha256, read in 1 MiB pieces so a large asset never sits in memory whole. */
function verifyFile(file: string, shown: string, expected: { sha256: string; size: number }): void {
  checkSize(file, shown, expected.size);
  checkSha(fileSha256(file), shown, expected.sha256);
}

/** definition.json is read whole anyway: hashed from the same bytes that are returned. */
function readDefinition(file: string, shown: string, expected: { sha256: string; size: number }): string {
  checkSize(file, shown, expected.size);
  const bytes = readFileSync(file);
  checkSha(createHash('sha256').update(bytes).digest('hex'), shown, expected.sha256);
  return bytes.toString('utf8');
}

function checkSize(file: string, shown: string, expected: number): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CompiledFolderError('SMP9013', `${shown} is missing from the compiled folder`, RECOMPILE);
  const size = statSync(file).size;
  if (size !== expected) throw new CompiledFolderError('SMP9014', `${shown} has ${size} bytes; the manifest says ${expected}: it changed after compile`, RECOMPILE);
}

function checkSha(actual: string, shown: string, expected: string): void {
  if (actual !== expected) throw new CompiledFolderError('SMP9014', `${shown} has sha256 ${actual}; the manifest says ${expected}: it changed after compile`, RECOMPILE);
}
