/**
 * The stat-keyed memo on disk (src/assets/pack-memo.ts): a new process packing an unchanged folder
 * reads none of its files and gets the same archive, file list and secrets; never across build
 * identities, never without one, and never an archive that is not whole in the deflate cache.
 * Each pack runs in a child process (the memo in memory would answer first).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = `hf_${'a1B2'.repeat(9)}`;

let scratch: string;
const folders: Record<string, string> = {};
before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'smpipe-pack-memo-'));
  for (const name of ['same', 'builds', 'none', 'edited', 'evicted', 'damaged']) {
    const dir = join(scratch, name);
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'job.py'), `print("${name}")\n`);
    writeFileSync(join(dir, 'lib/util.py'), `TOKEN = "${TOKEN}"\n`);
    folders[name] = dir;
  }
  await new Promise((done) => setTimeout(done, 2100)); // older than the racy window (pack-cache.ts)
});
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Packed { sha256: string; bytes: string; files: string[]; secrets: { file: string; what: string }[]; readSources: number }

/** packDirectoryCached(dir) in a new process with `build` as its identity (none: ''), counting files opened in dir. */
function packInChild(dir: string, cache: string, build: string): Promise<Packed> {
  const script = `
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
const opened = [];
const open = fs.openSync;
fs.openSync = (path, ...rest) => { opened.push(String(path)); return open(path, ...rest); };
syncBuiltinESMExports();
const { setBuildIdentity } = await import(${JSON.stringify(join(ROOT, 'src/util/build-identity.ts'))});
if (${JSON.stringify(build)}) setBuildIdentity(${JSON.stringify(build)});
const { packDirectoryCached } = await import(${JSON.stringify(join(ROOT, 'src/assets/pack-cache.ts'))});
const packed = packDirectoryCached(${JSON.stringify(dir)});
const { sha256, files, secrets } = packed;
const bytes = createHash('sha256').update(packed.bytes).digest('hex');
console.log(JSON.stringify({ sha256, bytes, files, secrets, readSources: opened.filter((p) => p.startsWith(${JSON.stringify(dir)})).length }));`;
  return new Promise((done, reject) => {
    const env = { ...process.env, SMPIPE_CACHE_DIR: cache };
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], timeout: 60_000 });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? done(JSON.parse(out) as Packed) : reject(new Error(`exit ${status}`))));
  });
}

const memos = (cache: string) => readdirSync(cache).filter((n) => /^pack-[0-9a-f]{64}\.json$/.test(n));
const archives = (cache: string) => readdirSync(cache).filter((n) => n.endsWith('.gz'));
const same = (a: Packed, b: Packed) => assert.deepEqual({ ...a, readSources: 0 }, { ...b, readSources: 0 });

test('the next process reads none of an unchanged folder\'s files: same archive, files and secrets', async () => {
  const cache = join(scratch, 'cache-same');
  const first = await packInChild(folders.same as string, cache, 'build-1');
  assert.ok(first.readSources >= 2, 'the first pack reads the files');
  assert.deepEqual(first.secrets.map((s) => `${s.file} ${s.what}`), ['lib/util.py a Hugging Face token']);
  assert.equal(memos(cache).length, 1);
  const second = await packInChild(folders.same as string, cache, 'build-1');
  assert.equal(second.readSources, 0);
  same(second, first);
});

test('another build identity packs afresh; without one there is no memo on disk', async () => {
  const cache = join(scratch, 'cache-builds');
  const first = await packInChild(folders.builds as string, cache, 'build-1');
  const other = await packInChild(folders.builds as string, cache, 'build-2');
  assert.ok(other.readSources >= 2);
  same(other, first);
  assert.equal(memos(cache).length, 2);
  const none = join(scratch, 'cache-none');
  for (let i = 0; i < 2; i += 1) assert.ok((await packInChild(folders.none as string, none, '')).readSources >= 2);
  assert.deepEqual(memos(none), []);
});

test('an edited folder, an archive evicted from the deflate cache or damaged in it: packed afresh, right', async () => {
  const cache = join(scratch, 'cache-edited');
  await packInChild(folders.edited as string, cache, 'b');
  writeFileSync(join(folders.edited as string, 'job.py'), 'print("v2")\n');
  const edited = await packInChild(folders.edited as string, cache, 'b');
  assert.ok(edited.readSources >= 2);
  for (const [name, spoil] of [['evicted', (gz: string) => rmSync(gz)], ['damaged', (gz: string) => writeFileSync(gz, Buffer.alloc(readFileSync(gz).length))]] as const) {
    const dir = folders[name] as string;
    const store = join(scratch, `cache-${name}`);
    const first = await packInChild(dir, store, 'b');
    for (const gz of archives(store)) spoil(join(store, gz));
    const again = await packInChild(dir, store, 'b');
    assert.ok(again.readSources >= 2, name);
    same(again, first);
  }
});
