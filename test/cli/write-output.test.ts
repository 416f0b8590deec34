/**
 * Issue #10 item 1: `smpipe compile --out DIR` only ever replaces a folder smpipe wrote (the
 * .smpipe-output marker); anything else is refused with SMP1010, exit 1, nothing touched. A
 * read-only or full output place is SMP1011, not an internal error, and nothing is half-written.
 * The read-only and full-disk cases run the CLI in a user and mount namespace (unshare), so they
 * need no root; where unshare is not permitted they are skipped, saying so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, ROOT, SMALL_SPEC } from '../helpers/cli.js';
import { runCommand, type Run } from '../helpers/run.js';

const FLAGSHIP = join(ROOT, 'pipeline-specs/llama3-dpo.yaml');
const VARS = join(ROOT, 'pipeline-specs/vars/example.yaml');
const SPEC = SMALL_SPEC;

let tmp: string;
before(() => {
  assert.ok(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'dist/ is not built: run `make dist/.built` (make test does) first');
  tmp = mkdtempSync(join(tmpdir(), 'smpipe-out-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd: string) => runCommand(command, args, { cwd });
const smpipe = (args: string[], cwd: string) => run(process.execPath, [BIN, ...args], cwd);

/** path → content (or "->target" for links) of everything under `dir`, with mtimes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const stats = lstatSync(full);
      const rel = relative(dir, full);
      if (stats.isSymbolicLink()) out.set(rel, 'link');
      else if (stats.isDirectory()) {
        out.set(`${rel}/`, String(stats.mtimeMs));
        walk(full);
      } else out.set(rel, `${readFileSync(full, 'utf8')} @${stats.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

let counter = 0;
/** A folder holding spec.yaml and whatever else is given. */
function workspace(files: Record<string, string> = {}): string {
  counter += 1;
  const dir = join(tmp, `w${counter}`);
  for (const [rel, text] of Object.entries({ 'spec.yaml': SPEC, ...files })) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function assertRefused(result: Run, code: string): void {
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, new RegExp(`error ${code}: `));
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
}

describe('compile --out refuses what smpipe did not write (SMP1010), touching nothing', () => {
  test('--out . in a repository (the spec, .git, other files)', async () => {
    const dir = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'README.md': '# mine\n' });
    const before = snapshot(dir);
    assertRefused(await smpipe(['compile', 'spec.yaml', '--out', '.'], dir), 'SMP1010');
    assert.deepEqual(snapshot(dir), before);
  });

  test('--out build, which holds other pipelines\' outputs', async () => {
    const dir = workspace();
    assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'build/other'], dir)).status, 0);
    const before = snapshot(dir);
    assertRefused(await smpipe(['compile', 'spec.yaml', '--out', 'build'], dir), 'SMP1010');
    assert.deepEqual(snapshot(dir), before);
  });

  test('a file where the folder goes, or above it', async () => {
    const dir = workspace({ 'notes.txt': 'keep me\n' });
    const before = snapshot(dir);
    assertRefused(await smpipe(['compile', 'spec.yaml', '--out', 'notes.txt'], dir), 'SMP1010');
    assertRefused(await smpipe(['compile', 'spec.yaml', '--out', 'notes.txt/out'], dir), 'SMP1010');
    assert.deepEqual(snapshot(dir), before);
  });

  test('the current folder from inside, an ancestor of it, a link, a folder holding the spec', async () => {
    const dir = workspace({ 'sub/.keep': '', 'specs/.smpipe-output': 'x', 'real/.smpipe-output': 'x' });
    writeFileSync(join(dir, 'specs/spec.yaml'), SPEC);
    symlinkSync('real', join(dir, 'link'));
    const before = snapshot(dir);
    assertRefused(await smpipe(['compile', '../spec.yaml', '--out', '.'], join(dir, 'sub')), 'SMP1010');
    assertRefused(await smpipe(['compile', '../spec.yaml', '--out', '..'], join(dir, 'sub')), 'SMP1010');
    assertRefused(await smpipe(['compile', 'spec.yaml', '--out', 'link'], dir), 'SMP1010');
    assertRefused(await smpipe(['compile', 'specs/spec.yaml', '--out', 'specs'], dir), 'SMP1010');
    assert.deepEqual(snapshot(dir), before);
  });

  test('--format json: the refusal is one JSON array on stdout', async () => {
    const dir = workspace({ 'mine/keep.txt': 'keep\n' });
    const result = await smpipe(['compile', 'spec.yaml', '--out', 'mine', '--format', 'json'], dir);
    assert.equal(result.status, 1);
    assert.deepEqual((JSON.parse(result.stdout) as { code: string }[]).map((d) => d.code), ['SMP1010']);
  });
});

describe('compile --out replaces what smpipe wrote', () => {
  test('its own output (the marker), an empty folder, and an output of smpipe before the marker', async () => {
    const dir = workspace({ 'legacy/definition.json': '{}', 'legacy/manifest.json': '{"definition":{"file":"definition.json"}}', 'legacy/assets/x/y': 'old' });
    mkdirSync(join(dir, 'empty'));
    for (const out of ['fresh', 'fresh', 'empty', 'legacy']) {
      const result = await smpipe(['compile', 'spec.yaml', '--out', out], dir);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(readdirSync(join(dir, out)).sort(), ['.smpipe-output', 'definition.json', 'manifest.json']);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['empty', 'fresh', 'legacy', 'spec.yaml'], 'no staging or old folders left');
  });
});

describe('compile again to an output that holds exactly this compile: nothing is written', () => {
  const CODE_SPEC = `${SPEC.replace('    entrypoint: [python3, /opt/program/run.py]\n', '    code: code\n    entry: job.py\n')}artifacts: s3://b/p\n`;

  test('an unchanged spec leaves every file and folder as it was, times included', async () => {
    const dir = workspace({ 'spec.yaml': CODE_SPEC, 'code/job.py': 'print(1)\n' });
    assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir)).status, 0);
    const before = snapshot(join(dir, 'out'));
    const again = await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /compiled small: out\/definition\.json/);
    assert.deepEqual(snapshot(join(dir, 'out')), before);
  });

  test('anything else in it, a changed asset or a changed spec: replaced whole', async () => {
    const dir = workspace({ 'spec.yaml': CODE_SPEC, 'code/job.py': 'print(1)\n' });
    assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir)).status, 0);
    const content = () => new Map([...snapshot(join(dir, 'out')).keys()].map((k) => [k, k.endsWith('/') ? 'folder' : createHash('sha256').update(readFileSync(join(dir, 'out', k))).digest('hex')]));
    const pristine = content();
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as { assets: { file: string }[] };
    const archive = join(dir, 'out', manifest.assets.find((a) => a.file.endsWith('.tar.gz'))?.file ?? '');
    const flipped = readFileSync(archive);
    flipped.writeUInt8((flipped.at(-1) as number) ^ 1, flipped.length - 1); // same size, other bytes
    const edits: [string, () => void][] = [
      ['a file of its own', () => writeFileSync(join(dir, 'out/notes.txt'), 'mine')],
      ['an empty folder', () => mkdirSync(join(dir, 'out/assets/extra'))],
      ['an asset with other bytes', () => writeFileSync(archive, flipped)],
      ['a missing asset', () => rmSync(archive)],
    ];
    for (const [what, edit] of edits) {
      edit();
      const result = await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(content(), pristine, what);
    }
    writeFileSync(join(dir, 'code/job.py'), 'print(2)\n');
    assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir)).status, 0);
    assert.notDeepEqual(content(), pristine, 'the new code archive');
    assert.deepEqual(readdirSync(dir).sort(), ['code', 'out', 'spec.yaml'], 'no staging or old folders left');
  });
});

describe('large archives', () => {
  test('an archive too large to keep in memory is copied from the cache into the output: whole, with its sha256 and the usual mode', async () => {
    const noise = Buffer.alloc(17 * 2 ** 20);
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 5)) >>> 0, i);
    const dir = workspace({ 'code/job.py': 'print(1)\n' });
    writeFileSync(join(dir, 'code/weights.bin'), noise);
    writeFileSync(join(dir, 'spec.yaml'), `${SPEC.replace('    entrypoint: [python3, /opt/program/run.py]\n', '    code: code\n    entry: job.py\n')}artifacts: s3://b/p\n`);
    const result = await runCommand(process.execPath, [BIN, 'compile', 'spec.yaml', '--out', 'out'], { cwd: dir, env: { SMPIPE_CACHE_DIR: join(dir, 'cache') } });
    assert.equal(result.status, 0, result.stderr);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as { assets: { file: string; sha256: string; size: number }[] };
    const archive = manifest.assets.find((a) => a.file.endsWith('sourcedir.tar.gz'));
    assert.ok(archive && archive.size > 17 * 2 ** 20);
    const bytes = readFileSync(join(dir, 'out', archive.file));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), archive.sha256);
    assert.equal(statSync(join(dir, 'out', archive.file)).mode & 0o777, statSync(join(dir, 'out/definition.json')).mode & 0o777, 'the mode of every other output file');
  });
});

/** Runs `script` in a new user + mount namespace as its root; undefined when not permitted here. */
async function inNamespace(script: string, cwd: string): Promise<Run | undefined> {
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', `mount -t tmpfs tmpfs ${JSON.stringify(cwd)}`]);
  if (probe.status !== 0) return undefined;
  return run('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], cwd);
}

const NODE = JSON.stringify(process.execPath);
const CLI = `${NODE} ${JSON.stringify(BIN)}`;

describe('an output place that cannot be written: SMP1011, nothing half-written', () => {
  test('a read-only output folder', async (t) => {
    const dir = workspace();
    assert.equal((await smpipe(['compile', 'spec.yaml', '--out', 'out'], dir)).status, 0);
    const before = snapshot(dir);
    const result = await inNamespace(`mount --bind out out && mount -o remount,bind,ro out && exec ${CLI} compile spec.yaml --out out`, dir);
    if (!result) return t.skip('unshare --user --mount is not permitted on this machine');
    assertRefused(result, 'SMP1011');
    assert.match(result.stderr, /read-only file system/);
    assert.deepEqual(snapshot(dir), before);
  });

  test('a full disk, on the first write and when replacing an output', async (t) => {
    const dir = workspace();
    const script = `mount -t tmpfs -o size=64k tmpfs disk && ${CLI} compile spec.yaml --out disk/out >/dev/null 2>&1 && cp disk/out/definition.json small.json
${CLI} compile ${JSON.stringify(FLAGSHIP)} --vars ${JSON.stringify(VARS)} --out disk/out; echo "rc=$?" >&2
${CLI} compile ${JSON.stringify(FLAGSHIP)} --vars ${JSON.stringify(VARS)} --out disk/new; echo "rc=$?" >&2
ls -A disk >&2; cmp disk/out/definition.json small.json && echo same >&2`;
    mkdirSync(join(dir, 'disk'));
    const result = await inNamespace(script, dir);
    if (!result) return t.skip('unshare --user --mount is not permitted on this machine');
    assert.match(result.stderr, /error SMP1011: .*no space left on the device/);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.deepEqual(result.stderr.match(/^rc=\d+$/gm), ['rc=1', 'rc=1']);
    assert.match(result.stderr, /^out\nsame$/m, 'the old output stays whole; no staging folder left');
  });
});
