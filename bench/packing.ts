/**
 * Code packing measurements for `make bench` (compile.bench.ts, section 4): the flagship's code
 * folders packed cold, through the deflate cache, and through the stat-keyed memo; CRC-32 by
 * zlib.crc32 and by table; optionally the peak RSS of packing one large file in a child process.
 * Every row degrades to "n/a" when the measured build has no such module (an older checkout
 * given as BENCH_ROOT), so one bench script measures before and after alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const FOLDERS = ['generate', 'preferences', 'train-dpo', 'evaluate'];
const RUNS = 15;

interface Packed { sha256: string; size: number }
type Pack = (dir: string) => Packed;

export interface PackingResult {
  /** Milliseconds for all four folders, medians; undefined when the build cannot measure it. */
  cold?: number;
  deflateCache?: number;
  memo?: number;
  crcNative?: number;
  crcTable?: number;
  /** Peak RSS (MiB) of a child packing one file of `packMib` MiB, and its wall time (s). */
  packMib?: number;
  peakRssMib?: number;
  packSeconds?: number;
  note?: string;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
}

function timeAll(pack: Pack, folders: string[], runs = RUNS): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    for (const folder of folders) pack(folder);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

async function load<T>(root: string, module: string): Promise<T | undefined> {
  try {
    return (await import(pathToFileURL(join(root, 'dist/src/assets', module)).href)) as T;
  } catch {
    return undefined;
  }
}

/** With the cache folder given (or 'off'), for the packing that reads SMPIPE_CACHE_DIR. */
function withCacheDir<T>(dir: string, f: () => T): T {
  const saved = process.env.SMPIPE_CACHE_DIR;
  process.env.SMPIPE_CACHE_DIR = dir;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.SMPIPE_CACHE_DIR;
    else process.env.SMPIPE_CACHE_DIR = saved;
  }
}

function crcRows(crc?: { crc32: (d: Uint8Array) => number; crc32Portable: (d: Uint8Array, p: number) => number }): Pick<PackingResult, 'crcNative' | 'crcTable'> {
  if (!crc) return {};
  const data = Buffer.alloc(2 ** 20, 'smpipe code archive ');
  const time = (f: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const start = process.hrtime.bigint();
      f();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples);
  };
  return { crcNative: time(() => crc.crc32(data)), crcTable: time(() => crc.crc32Portable(data, 0)) };
}

/** Peak RSS of a fresh process packing one `mib` MiB file of pseudo-random bytes. */
function peakRss(root: string, mib: number): Pick<PackingResult, 'packMib' | 'peakRssMib' | 'packSeconds'> {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-bench-pack-'));
  try {
    mkdirSync(join(dir, 'code'));
    const chunk = Buffer.alloc(2 ** 20);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((Math.imul(i + 1, 2654435761) ^ (i >>> 9)) >>> 0, i);
    const parts = Array.from({ length: mib }, (_, n) => Buffer.concat([Buffer.from(`${n}:`), chunk.subarray(16)]));
    writeFileSync(join(dir, 'code/weights.bin'), Buffer.concat(parts));
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/assets/archive.js')).href)});
const t = Date.now(); m.packDirectory(${JSON.stringify(join(dir, 'code'))});
console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS, s: (Date.now() - t) / 1000 }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, SMPIPE_CACHE_DIR: join(dir, 'cache') };
    delete env.NODE_OPTIONS;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    if (child.status !== 0) return {};
    const out = JSON.parse(child.stdout) as { rss: number; s: number };
    return { packMib: mib, peakRssMib: out.rss / 1024, packSeconds: out.s };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePacking(root: string, packMib: number): Promise<PackingResult> {
  const archive = await load<{ packDirectory: Pack }>(root, 'archive.js');
  if (!archive) return { note: 'no dist/src/assets/archive.js in this build' };
  const folders = FOLDERS.map((f) => join(root, 'containers', f));
  const scratch = mkdtempSync(join(tmpdir(), 'smpipe-bench-cache-'));
  try {
    const cold = withCacheDir('off', () => timeAll(archive.packDirectory, folders));
    const deflateCache = withCacheDir(scratch, () => {
      timeAll(archive.packDirectory, folders, 1); // fills the cache
      return timeAll(archive.packDirectory, folders);
    });
    const memoModule = await load<{ packDirectoryCached: Pack }>(root, 'pack-cache.js');
    const memo = memoModule ? withCacheDir(scratch, () => timeAll(memoModule.packDirectoryCached, folders)) : undefined;
    const crc = crcRows(await load(root, 'crc32.js'));
    return { cold, ...(memoModule ? { deflateCache, memo } : {}), ...crc, ...(packMib > 0 ? peakRss(root, packMib) : {}) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
