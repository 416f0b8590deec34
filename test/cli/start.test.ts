/**
 * How bin/smpipe.js starts (src/cli/start.ts): the bundle with a V8 code cache per command, written
 * by a run that found none or found one V8 rejected, used as it is otherwise; pruned to the most
 * recently used; the unbundled build with SMPIPE_BUNDLE=off or without a bundle.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { commandKey, KEEP_CACHES } from '../../src/cli/start.js';
import { BIN, ROOT, SMALL_SPEC } from '../helpers/cli.js';
import { runCommand } from '../helpers/run.js';

const SPEC = SMALL_SPEC;

let tmp: string;
before(() => {
  assert.ok(existsSync(join(ROOT, 'dist/cli/smpipe.cjs')), 'the bundle is not built: run `make dist/.built` (make test does) first');
  tmp = mkdtempSync(join(tmpdir(), 'smpipe-start-'));
  writeFileSync(join(tmp, 'spec.yaml'), SPEC);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
function cacheFolder(): string {
  dirs += 1;
  return join(tmp, `cache-${dirs}`);
}

async function smpipe(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runCommand(process.execPath, [...nodeArgs, BIN, ...args], { cwd: tmp, env });
}

const caches = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('code-')).sort() : []);
const inode = (path: string) => statSync(path).ino;

test('which cache a run uses: the command it runs; help, the version and mistakes share "main"', () => {
  assert.equal(commandKey(['compile', 'spec.yaml']), 'compile');
  assert.equal(commandKey(['labeling', 'preview']), 'labeling');
  for (const argv of [[], ['--version'], ['help'], ['--help'], ['compile', '--help'], ['plan', '-h'], ['Compile'], ['../x'], ['a'.repeat(40)]]) assert.equal(commandKey(argv), 'main', argv.join(' '));
});

test('the first run of a command writes its code cache; the next one uses it as it is', async () => {
  const env = { SMPIPE_CACHE_DIR: cacheFolder() };
  const first = await smpipe(['compile', 'spec.yaml', '--out', 'out'], env);
  assert.equal(first.status, 0, first.stderr);
  const [file, ...rest] = caches(env.SMPIPE_CACHE_DIR);
  assert.ok(file && rest.length === 0 && /^code-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-default-compile\.v8$/.test(file), `one cache for compile: ${caches(env.SMPIPE_CACHE_DIR).join(', ')}`);
  const path = join(env.SMPIPE_CACHE_DIR, file);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const before = { ino: inode(path), bytes: readFileSync(path) };
  assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'out'], env)).status, 0);
  assert.equal(inode(path), before.ino, 'accepted: not written again');
  assert.deepEqual(readFileSync(path), before.bytes);
  assert.equal((await smpipe(['--version'], env)).stdout, '0.1.0\n');
  assert.deepEqual(caches(env.SMPIPE_CACHE_DIR).map((n) => n.replace(/^.*-/, '')), ['compile.v8', 'main.v8']);
});

test('a damaged cache is rejected by V8, the command still works, and the cache is written afresh', async () => {
  const env = { SMPIPE_CACHE_DIR: cacheFolder() };
  assert.equal((await smpipe(['validate', 'spec.yaml'], env)).status, 0);
  const [file] = caches(env.SMPIPE_CACHE_DIR);
  assert.ok(file);
  const path = join(env.SMPIPE_CACHE_DIR, file);
  const good = readFileSync(path);
  writeFileSync(path, Buffer.alloc(good.length, 7));
  const run = await smpipe(['validate', 'spec.yaml'], env);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /small: ok/);
  assert.notDeepEqual(readFileSync(path), Buffer.alloc(good.length, 7), 'rewritten');
});

test('other V8 flags get a cache of their own; an unknown command, SMPIPE_CACHE_DIR=off and SMPIPE_BUNDLE=off write none', async () => {
  const env = { SMPIPE_CACHE_DIR: cacheFolder() };
  assert.equal((await smpipe(['validate', 'spec.yaml'], env)).status, 0);
  assert.equal((await smpipe(['validate', 'spec.yaml'], env, ['--stack-size=900'])).status, 0);
  assert.equal(caches(env.SMPIPE_CACHE_DIR).filter((n) => n.endsWith('-validate.v8')).length, 2);
  assert.equal((await smpipe(['nosuchcommand'], env)).status, 2);
  assert.deepEqual(caches(env.SMPIPE_CACHE_DIR).filter((n) => n.includes('nosuchcommand')), []);
  for (const off of [{ SMPIPE_CACHE_DIR: 'off' }, { SMPIPE_CACHE_DIR: cacheFolder(), SMPIPE_BUNDLE: 'off' }]) {
    const run = await smpipe(['validate', 'spec.yaml'], off);
    assert.equal(run.status, 0, run.stderr);
    if (off.SMPIPE_CACHE_DIR !== 'off') assert.deepEqual(caches(off.SMPIPE_CACHE_DIR), []);
  }
});

test(`a new cache prunes the folder to the ${KEEP_CACHES} most recently used; other files stay`, async () => {
  const dir = cacheFolder();
  mkdirSync(dir, { mode: 0o700 });
  const old = new Date(Date.now() - 86_400_000);
  for (let i = 0; i < KEEP_CACHES + 5; i += 1) {
    const path = join(dir, `code-${String(i).padStart(16, '0')}-v0.0.0-x64-default-compile.v8`);
    writeFileSync(path, 'stale');
    utimesSync(path, old, new Date(old.getTime() + i * 1000));
  }
  writeFileSync(join(dir, 'not-a-code-cache.gz'), 'kept');
  assert.equal((await smpipe(['validate', 'spec.yaml'], { SMPIPE_CACHE_DIR: dir })).status, 0);
  const left = caches(dir);
  assert.equal(left.length, KEEP_CACHES);
  assert.ok(left.some((n) => n.endsWith('-validate.v8')), 'the new one stays');
  assert.ok(!left.includes(`code-${'0'.repeat(16)}-v0.0.0-x64-default-compile.v8`), 'the least recently used went');
  assert.ok(existsSync(join(dir, 'not-a-code-cache.gz')));
});
