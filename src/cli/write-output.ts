import { accessSync, constants, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { isInside } from '../assets/project-paths.js';
import type { CompileResult } from '../compile/compile.js';
import { fileSha256 } from '../assets/hash.js';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { canonicalJson } from '../util/canonical-json.js';

/**
 * The marker written into every output folder: the only proof that smpipe wrote a folder, and so
 * may replace it. Its content is fixed, so outputs stay byte-identical.
 */
export const OUTPUT_MARKER = '.smpipe-output';
const MARKER_TEXT = 'Written by `smpipe compile`. The next compile to this folder replaces it whole: keep nothing else here.\n';
/** What an output folder of smpipe before the marker held, and nothing else. */
const LEGACY_OUTPUT = new Set(['definition.json', 'manifest.json', 'assets']);
/** errno codes that mean "this place cannot be written", as opposed to a bug. */
const UNWRITABLE: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EBUSY: 'busy (in use)', EMFILE: 'too many open files',
};

class OutputRefused extends Error {
  constructor(readonly code: Code, message: string, readonly hint?: string) {
    super(message);
  }
}

/**
 * Writes definition.json, manifest.json, the assets and the marker into a new staging folder
 * beside DIR, then swaps it in: a failed or interrupted compile never leaves a half-written
 * output, and the previous output stays until the swap. DIR is only ever replaced when smpipe
 * wrote it (the marker); a repository root, a folder of other things, a file, a link or the
 * current folder is refused before anything is touched. Returns the problem as a diagnostic
 * (SMP1010 refused, SMP1011 cannot be written), or undefined when the output is in place.
 */
export function writeCompileOutput(result: CompileResult, outDir: string): Diagnostic | undefined {
  if (!result.definitionText || !result.manifest) throw new Error('writeCompileOutput called without a definition');
  const target = resolve(outDir);
  try {
    refuseForeign(target, [...result.sources.keys()].map((file) => resolve(file)));
    if (!holdsThisOutput(result, target)) writeAndSwap(result, target);
    return undefined;
  } catch (error) {
    const problem = asProblem(error, outDir);
    if (!problem) throw error;
    return { code: problem.code, severity: 'error', message: problem.message, pointer: '', file: outDir, ...(problem.hint ? { hint: problem.hint } : {}) };
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const CHOOSE = 'choose another --out, such as build/<pipeline> (the default)';

/** Throws OutputRefused unless `target` is absent, empty, or an output smpipe wrote. */
function refuseForeign(target: string, specFiles: string[]): void {
  if (isInside(process.cwd(), target)) throw new OutputRefused('SMP1010', `${target} is the current folder or holds it; compile replaces its output folder whole`, CHOOSE);
  const spec = specFiles.find((file) => isInside(file, target));
  if (spec) throw new OutputRefused('SMP1010', `the output folder holds the spec ${spec}; compile replaces its output folder whole`, CHOOSE);
  for (let dir = dirname(target); dirname(dir) !== dir; dir = dirname(dir)) {
    const stats = lstatOrUndefined(dir);
    if (stats && !stats.isDirectory() && !stats.isSymbolicLink()) throw new OutputRefused('SMP1010', `${dir} is a file, where the output needs a folder`, CHOOSE);
  }
  const stats = lstatOrUndefined(target);
  if (!stats) return;
  if (stats.isSymbolicLink()) throw new OutputRefused('SMP1010', 'the output path is a symbolic link; give the folder itself', CHOOSE);
  if (!stats.isDirectory()) throw new OutputRefused('SMP1010', 'the output path is a file, not a folder; it is left as it is', CHOOSE);
  const names = readdirSync(target);
  if (names.length === 0 || names.includes(OUTPUT_MARKER) || isLegacyOutput(target, names)) {
    assertRemovable(target);
    return;
  }
  throw new OutputRefused(
    'SMP1010',
    `the output folder holds files smpipe did not write (no ${OUTPUT_MARKER} marker: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); compile would replace it whole`,
    `${CHOOSE}; or empty that folder yourself`,
  );
}

/** An output of smpipe before the marker: exactly its three entries, and its manifest. */
function isLegacyOutput(target: string, names: string[]): boolean {
  if (!names.every((name) => LEGACY_OUTPUT.has(name)) || !names.includes('manifest.json')) return false;
  try {
    const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as { definition?: { file?: unknown } };
    return manifest.definition?.file === 'definition.json';
  } catch {
    return false;
  }
}

/**
 * The old output is removed after the swap, which needs write access to every folder in it: a
 * read-only one would otherwise fail after the new output is in place and leave the old one
 * beside it. Checked first, so a read-only output changes nothing (EACCES, EROFS: SMP1011).
 */
function assertRemovable(dir: string): void {
  accessSync(dir, constants.W_OK);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) assertRemovable(join(dir, entry.name));
  }
}

/**
 * Whether `target` holds exactly this output already, as after a compile of an unchanged spec
 * (compiles are deterministic): then nothing is written, so nothing churns and the files keep
 * their times. Exactly: the same marker, definition and manifest text, each asset with the size
 * and sha256 the manifest gives, and nothing else in the folder, not even an empty folder.
 */
function holdsThisOutput(result: CompileResult, target: string): boolean {
  const texts: [string, string][] = [[OUTPUT_MARKER, MARKER_TEXT], ['definition.json', result.definitionText as string], ['manifest.json', canonicalJson(result.manifest)]];
  const expected = new Set(texts.map(([name]) => name));
  for (const asset of result.assets) {
    for (let path = asset.file; path !== '.'; path = posix.dirname(path)) expected.add(path);
  }
  try {
    const present = listTree(target);
    if (present.length !== expected.size || !present.every((path) => expected.has(path))) return false;
    if (!texts.every(([name, text]) => readFileSync(join(target, name), 'utf8') === text)) return false;
    return result.assets.every((asset) => statSync(join(target, asset.file)).size === asset.size && fileSha256(join(target, asset.file)) === asset.sha256);
  } catch {
    return false; // unreadable, or changed meanwhile: written afresh
  }
}

/** Every file and folder under `dir`, as '/'-separated relative paths; a link or other entry throws. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return [path, ...listTree(dir, path)];
    if (entry.isFile()) return [path];
    throw new Error(`${path} is neither a file nor a folder`);
  });
}

function writeAndSwap(result: CompileResult, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  // mkdtemp: a fresh, unique name, so nothing that already exists is ever removed as "staging".
  const staging = mkdtempSync(`${target}.tmp-`);
  try {
    writeFileSync(join(staging, OUTPUT_MARKER), MARKER_TEXT);
    writeFileSync(join(staging, 'definition.json'), result.definitionText as string);
    writeFileSync(join(staging, 'manifest.json'), canonicalJson(result.manifest));
    for (const asset of result.assets) {
      const path = join(staging, asset.file);
      mkdirSync(dirname(path), { recursive: true });
      // A large archive lies in the deflate cache: copy it, never read it into memory.
      if (asset.path) copyFileSync(asset.path, path);
      else writeFileSync(path, asset.bytes);
    }
    swapIn(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Renames the old output aside (onto a fresh empty folder), the new one in, then drops the old. */
function swapIn(staging: string, target: string): void {
  if (!lstatOrUndefined(target)) {
    renameSync(staging, target);
    return;
  }
  const old = mkdtempSync(`${target}.old-`);
  renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

function asProblem(error: unknown, outDir: string): { code: Code; message: string; hint?: string } | undefined {
  if (error instanceof OutputRefused) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno === 'ENOTDIR' || errno === 'EEXIST') return { code: 'SMP1010', message: `${outDir}: a file stands where the output needs a folder (${errno})`, hint: CHOOSE };
  const reason = errno ? UNWRITABLE[errno] : undefined;
  if (!reason) return undefined;
  const where = (error as NodeJS.ErrnoException).path;
  return { code: 'SMP1011', message: `cannot write ${outDir}${where && resolve(where) !== resolve(outDir) ? ` (${where})` : ''}: ${reason}; nothing was changed`, hint: 'free some space or fix the permissions, or choose another --out' };
}
