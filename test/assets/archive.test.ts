import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { packDirectory } from '../../src/assets/archive.js';
import { FIXED_MTIME } from '../../src/assets/tar.js';

const scratch = mkdtempSync(join(tmpdir(), 'smpipe-archive-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = (label: string) => {
  counter += 1;
  const dir = join(scratch, `${label}-${counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

function write(root: string, rel: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
  chmodSync(join(root, rel), mode);
}

const FILES: [string, string, number][] = [
  ['job/train.py', 'print("train")\n', 0o644],
  ['job/run.sh', '#!/bin/sh\necho hi\n', 0o755],
  ['job/requirements.txt', 'trl==0.12.0\n', 0o644],
  ['job/a-b.txt', 'dash sorts before slash\n', 0o644],
  ['job/a/inner.txt', 'inner\n', 0o644],
  ['job/données/ü.txt', 'utf-8 names\n', 0o644],
  ['common/jobkit/__init__.py', '', 0o644],
  ['common/jobkit/files.py', 'def read(): pass\n', 0o644],
];
const JUNK = ['job/__pycache__/train.cpython-311.pyc', 'job/stale.pyc', 'job/.DS_Store', 'job/.pytest_cache/v', 'job/.git/HEAD', 'job/node_modules/x.js', 'job/.venv/bin/python'];

/** A container-style tree: job/ with a `jobkit -> ../common/jobkit` link, plus junk to skip. */
function makeTree(root: string, { reverse = false, loose = false } = {}): string {
  const files = reverse ? [...FILES].reverse() : FILES;
  for (const [rel, text, mode] of files) write(root, rel, text, loose ? mode | 0o022 : mode);
  for (const rel of JUNK) write(root, rel, 'junk');
  symlinkSync('../common/jobkit', join(root, 'job/jobkit'));
  mkdirSync(join(root, 'job/empty'));
  return join(root, 'job');
}

function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [`${prefix}${e.name}/`, ...listTree(join(dir, e.name), `${prefix}${e.name}/`)] : [`${prefix}${e.name}`],
  ).sort();
}

describe('packDirectory: reproducible code archives', () => {
  it('gives the same bytes for the same content, whatever the mtimes, modes or creation order', () => {
    const a = makeTree(fresh('a'));
    const b = makeTree(fresh('b'), { reverse: true, loose: true });
    utimesSync(join(b, 'train.py'), new Date('2031-05-05'), new Date('2031-05-05'));
    const first = packDirectory(a);
    const second = packDirectory(b);
    assert.equal(first.sha256, second.sha256);
    assert.ok(first.bytes.equals(second.bytes));
    assert.match(first.sha256, /^[0-9a-f]{64}$/);
  });

  it('lists files in bytewise path order, links followed, junk left out', () => {
    const { files } = packDirectory(makeTree(fresh('list')));
    assert.deepEqual(files, [
      'a-b.txt', 'a/inner.txt', 'donn\u00e9es/\u00fc.txt', 'jobkit/__init__.py', 'jobkit/files.py',
      'requirements.txt', 'run.sh', 'train.py',
    ]);
  });

  it('extracts with the system tar to the same files, modes normalised, owner and mtime fixed', () => {
    const src = makeTree(fresh('src'));
    const out = fresh('out');
    writeFileSync(join(out, 'code.tar.gz'), packDirectory(src).bytes);
    execFileSync('tar', ['-xzf', 'code.tar.gz', '--no-same-owner'], { cwd: out });
    rmSync(join(out, 'code.tar.gz'));
    assert.deepEqual(listTree(out), [
      'a-b.txt', 'a/', 'a/inner.txt', 'donn\u00e9es/', 'donn\u00e9es/\u00fc.txt', 'empty/', 'jobkit/',
      'jobkit/__init__.py', 'jobkit/files.py', 'requirements.txt', 'run.sh', 'train.py',
    ]);
    for (const [rel, text, mode] of FILES) {
      const extracted = join(out, rel.replace(/^(job|common)\//, ''));
      assert.equal(readFileSync(extracted, 'utf8'), text, rel);
      assert.equal(statSync(extracted).mode & 0o777, mode === 0o755 ? 0o755 : 0o644, rel);
      assert.equal(statSync(extracted).mtimeMs / 1000, FIXED_MTIME, rel);
    }
    assert.ok(!statSync(join(out, 'jobkit')).isSymbolicLink());
    const listing = execFileSync('tar', ['-tvzf', '-'], { input: packDirectory(src).bytes }).toString();
    assert.ok(listing.split('\n').filter(Boolean).every((line) => line.includes('root/root')), listing);
  });

  it('changes the hash when a file changes, or a mode gains the executable bit', () => {
    const dir = makeTree(fresh('change'));
    const before = packDirectory(dir).sha256;
    write(dir, 'train.py', 'print("train!")\n');
    const edited = packDirectory(dir).sha256;
    assert.notEqual(edited, before);
    chmodSync(join(dir, 'train.py'), 0o755);
    assert.notEqual(packDirectory(dir).sha256, edited);
  });

  it('fails clearly on a symlink cycle and on a broken link', () => {
    const loop = fresh('loop');
    write(loop, 'sub/x.py', '');
    symlinkSync('..', join(loop, 'sub/back')); // sub/back is the folder holding sub
    assert.throws(() => packDirectory(loop), /symlink cycle/);
    const broken = fresh('broken');
    symlinkSync('missing', join(broken, 'dangling'));
    assert.throws(() => packDirectory(broken), /"dangling" is a broken symbolic link/);
  });

  it('stores paths over 100 bytes in the ustar prefix, and refuses what cannot fit', () => {
    const dir = fresh('long');
    const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(90)}.txt`;
    write(dir, deep, 'deep\n');
    const out = fresh('long-out');
    execFileSync('tar', ['-xzf', '-'], { cwd: out, input: packDirectory(dir).bytes });
    assert.equal(readFileSync(join(out, deep), 'utf8'), 'deep\n');
    write(dir, `x/${'n'.repeat(101)}`, '');
    assert.throws(() => packDirectory(dir), /path too long for a ustar archive/);
  });

  it('leaves tests/ out only when asked', () => {
    const dir = fresh('tests');
    write(dir, 'main.py', '');
    write(dir, 'tests/test_main.py', '');
    assert.deepEqual(packDirectory(dir).files, ['main.py', 'tests/test_main.py']);
    assert.deepEqual(packDirectory(dir, { excludeTests: true }).files, ['main.py']);
    assert.deepEqual(packDirectory(dir, { exclude: ['*.py'] }).files, []);
  });

  it('is a standard gzip: fixed header (no mtime, OS 255), valid CRC and length', () => {
    const { bytes } = packDirectory(makeTree(fresh('gz')));
    assert.deepEqual([...bytes.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    assert.equal(gunzipSync(bytes).length % 512, 0);
    execFileSync('gzip', ['-t'], { input: bytes });
  });

  // Pinned anew when fflate replaced the hand-written DEFLATE (one-time change of every archive's hash).
  it('has pinned bytes: a change to the tar or gzip writer must be deliberate', () => {
    const dir = fresh('golden');
    write(dir, 'main.py', 'print("hello")\n');
    write(dir, 'bin/run', '#!/bin/sh\n', 0o755);
    assert.equal(packDirectory(dir).sha256, '7771ed1e7a67c48f25a4fa88ff3da1750bd73af53367ba8a0150dde1aee65e4b');
  });
});
