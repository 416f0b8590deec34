/**
 * The streaming packer (src/assets/archive.ts, walk.ts), its caches (pack-cache.ts in memory,
 * deflate-cache.ts on disk) and what it refuses: the size cap, links leaving the project, and
 * secrets in packed files (reported, found with the spec scan's own finder).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { packDirectory } from '../../src/assets/archive.js';
import { gzipDeterministic } from '../../src/assets/gzip.js';
import { packDirectoryCached } from '../../src/assets/pack-cache.js';
import { PackError } from '../../src/assets/pack-error.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'smpipe-pack-'));
const cache = join(scratch, 'cache');
const savedCacheDir = process.env.SMPIPE_CACHE_DIR;
before(() => {
  process.env.SMPIPE_CACHE_DIR = cache;
});
after(() => {
  if (savedCacheDir === undefined) delete process.env.SMPIPE_CACHE_DIR;
  else process.env.SMPIPE_CACHE_DIR = savedCacheDir;
  rmSync(scratch, { recursive: true, force: true });
});

let counter = 0;
function tree(files: Record<string, string | Buffer>): string {
  counter += 1;
  const root = join(scratch, `tree-${counter}`);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

/** The code of a PackError thrown by `f`. */
function packErrorCode(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof PackError, `a PackError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('no error');
}

const cacheEntries = () => readdirSync(cache).filter((n) => n.endsWith('.gz'));

describe('what goes in: the ignore file and the default exclusions', () => {
  it('.smpipeignore in gitignore syntax: folders, globs, negation, anchoring; case-sensitive', () => {
    const dir = tree({
      '.smpipeignore': '# data and weights come from S3\ndata/\n*.ckpt\n!keep.ckpt\n/local.txt\n',
      'job.py': '', 'data/a.csv': '', 'model.ckpt': '', 'keep.ckpt': '', 'local.txt': '', 'sub/local.txt': '', 'Data/b.csv': '',
    });
    assert.deepEqual(packDirectory(dir).files, ['.smpipeignore', 'Data/b.csv', 'job.py', 'keep.ckpt', 'sub/local.txt']);
  });

  it('skips .git, __pycache__, .venv and node_modules by default; the ignore file may take one back', () => {
    const files = { 'job.py': '', '.git/HEAD': '', '__pycache__/x.pyc': '', '.venv/bin/python': '', 'node_modules/m/index.js': '', 'x.pyc': '' };
    assert.deepEqual(packDirectory(tree(files)).files, ['job.py']);
    assert.deepEqual(packDirectory(tree({ ...files, '.smpipeignore': '!node_modules/\n' })).files, ['.smpipeignore', 'job.py', 'node_modules/m/index.js']);
  });
});

describe('what is refused', () => {
  it('a folder over the size cap, before anything is read (SMP6008)', () => {
    const dir = tree({ 'job.py': 'x'.repeat(100), 'weights.bin': Buffer.alloc(5000) });
    assert.equal(packErrorCode(() => packDirectory(dir, { maxBytes: 4096 })), 'SMP6008');
    assert.match((() => { try { packDirectory(dir, { maxBytes: 4096, label: 'code' }); } catch (e) { return (e as Error).message; } return ''; })(), /^code holds 5\.0 KiB .* largest: weights\.bin/);
    assert.deepEqual(packDirectory(dir, { maxBytes: 5100 }).files, ['job.py', 'weights.bin']);
  });

  it('a link to a place the spec may not read (SMP6007), checked on the real path', () => {
    const outside = tree({ credentials: '[default]\n' });
    const dir = tree({ 'job.py': '' });
    symlinkSync(outside, join(dir, 'aws'));
    const allowed = (real: string) => real.startsWith(dir);
    assert.equal(packErrorCode(() => packDirectory(dir, { allowed })), 'SMP6007');
    assert.deepEqual(packDirectory(dir, { allowed: (real) => allowed(real) || real.startsWith(outside) }).files, ['aws/credentials', 'job.py']);
  });
});

describe('secrets in packed files', () => {
  it('reports file and line for .env files, credentials and tokens in source, with the spec scan\'s finder', () => {
    // 69,904 lines of 15 bytes, then 11 more: the key starts 5 bytes before the first 1 MiB read ends.
    const filler = '# padding line\n'.repeat(69_904);
    const dir = tree({
      '.env': 'REGION=us-east-1\n\nHF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH\n',
      'config/credentials': '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n',
      'big.py': `${filler}KEY_VALUE="AKIAIOSFODNN7EXAMPLE"\n`,
      'clean.py': 'print("no secrets here: hf_short")\n',
    });
    const { secrets } = packDirectory(dir);
    assert.deepEqual(secrets, [
      { file: '.env', line: 3, what: 'a Hugging Face token' },
      { file: 'big.py', line: 69_905, what: 'an AWS access key id' },
      { file: 'config/credentials', line: 2, what: 'an AWS access key id' },
    ]);
  });
});

describe('streaming: large folders go through the deflate cache on disk', () => {
  it('a folder over 16 MiB is packed to a file, with the same bytes the in-memory path gives', () => {
    const noise = Buffer.alloc(17 * 2 ** 20);
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
    const dir = tree({ 'weights.bin': noise, 'job.py': 'print(1)\n' });
    const packed = packDirectory(dir);
    assert.ok(packed.path?.startsWith(cache), 'the archive lies in the cache folder');
    const bytes = packed.bytes;
    assert.equal(bytes.length, packed.size);
    const tar = gunzipSync(bytes);
    assert.ok(gzipDeterministic(tar).equals(bytes), 'streamed bytes = one-shot bytes of the same tar');
    assert.ok(tar.includes(noise.subarray(0, 4096)));
    // Without a usable cache folder the archive is built in memory: still the same bytes.
    process.env.SMPIPE_CACHE_DIR = 'off';
    try {
      const inMemory = packDirectory(dir);
      assert.equal(inMemory.path, undefined);
      assert.equal(inMemory.sha256, packed.sha256);
    } finally {
      process.env.SMPIPE_CACHE_DIR = cache;
    }
    assert.equal(packDirectory(dir).path, packed.path, 'the second pack finds the checked entry');
  });
});

describe('the deflate cache is never trusted unchecked', () => {
  it('an entry that inflates to other bytes, or a truncated one, is compressed afresh', () => {
    const dir = tree({ 'job.py': 'print("cached")\n'.repeat(50) });
    const first = packDirectory(dir);
    const entry = cacheEntries().map((n) => join(cache, n)).find((p) => readFileSync(p).equals(first.bytes));
    assert.ok(entry, 'the archive was stored');
    writeFileSync(entry, gzipSync(Buffer.from('something else entirely')));
    assert.equal(packDirectory(dir).sha256, first.sha256);
    assert.ok(readFileSync(entry).equals(first.bytes), 'the bad entry was replaced');
    writeFileSync(entry, first.bytes.subarray(0, 20));
    assert.equal(packDirectory(dir).sha256, first.sha256);
  });

  it('processes packing the same folder at once agree, and leave whole entries only', async () => {
    const dir = tree({ 'job.py': 'print("race")\n'.repeat(500), 'lib/util.py': 'x = 1\n' });
    const shared = join(scratch, 'race-cache');
    const script = `import { packDirectory } from ${JSON.stringify(join(ROOT, 'src/assets/archive.ts'))}; console.log(packDirectory(${JSON.stringify(dir)}).sha256);`;
    const run = () => new Promise<string>((done, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, SMPIPE_CACHE_DIR: shared }, stdio: ['ignore', 'pipe', 'inherit'], timeout: 60_000 });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('error', reject);
      child.on('close', (status) => (status === 0 ? done(out.trim()) : reject(new Error(`exit ${status}`))));
    });
    const shas = await Promise.all([run(), run(), run(), run()]);
    assert.equal(new Set(shas).size, 1);
    assert.equal(shas[0], packDirectory(dir).sha256);
    assert.deepEqual(readdirSync(shared).filter((n) => !n.endsWith('.gz')), [], 'no partial files left');
    assert.equal(readdirSync(shared).length, 1);
  });
});

describe('the stat-keyed memo', () => {
  it('reuses an unchanged folder without reading it, and sees every change', async () => {
    const dir = tree({ 'job.py': 'print("v1")\n', 'lib/a.py': 'a = 1\n' });
    await new Promise((done) => setTimeout(done, 2100)); // older than the racy window (pack-cache.ts)
    const first = packDirectoryCached(dir);
    assert.equal(packDirectoryCached(dir), first, 'the same result object: nothing packed again');
    writeFileSync(join(dir, 'job.py'), 'print("v2")\n'); // same size, new content
    const edited = packDirectoryCached(dir);
    assert.notEqual(edited.sha256, first.sha256);
    assert.match(gunzipSync(edited.bytes).toString('latin1'), /v2/);
    writeFileSync(join(dir, 'lib/b.py'), '');
    assert.deepEqual(packDirectoryCached(dir).files, ['job.py', 'lib/a.py', 'lib/b.py']);
    assert.equal(packDirectoryCached(dir, { excludeTests: true }).sha256, packDirectoryCached(dir).sha256, 'options are part of the key');
  });

  it('a folder edited just now is packed afresh each time (a same-size write within one clock tick)', () => {
    const dir = tree({ 'job.py': 'print("a")\n' });
    const fd = openSync(join(dir, 'job.py'), 'r+');
    try {
      for (const letter of 'bcdef') {
        writeSync(fd, `print("${letter}")\n`, 0);
        assert.match(gunzipSync(packDirectoryCached(dir).bytes).toString('latin1'), new RegExp(`print\\("${letter}"\\)`));
      }
    } finally {
      closeSync(fd);
    }
  });
});
