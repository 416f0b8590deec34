import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packDirectory } from '../../src/assets/archive.js';
import { CODE_DIR, frameworkRunproc, shellQuote } from '../../src/assets/runproc.js';

const scratch = mkdtempSync(join(tmpdir(), 'smpipe-runproc-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('frameworkRunproc: FrameworkProcessor-style entrypoint', () => {
  it('has the SDK script\'s steps, set -e first, in fixed bytes', () => {
    assert.equal(
      frameworkRunproc('evaluate.py'),
      [
        '#!/bin/bash',
        '',
        '# Exit on any error. SageMaker uses the exit code to mark the job failed.',
        'set -e',
        '',
        'cd /opt/ml/processing/input/code/',
        'tar -xzf sourcedir.tar.gz',
        '',
        "if [[ -f 'requirements.txt' ]]; then",
        '    pip install -r requirements.txt',
        'fi',
        '',
        'python3 evaluate.py "$@"',
        '',
      ].join('\n'),
    );
    assert.equal(frameworkRunproc('evaluate.py'), frameworkRunproc('evaluate.py'));
  });

  it('quotes odd entry paths and takes another command', () => {
    assert.match(frameworkRunproc("my dir/it's.py"), /^python3 'my dir\/it'\\''s\.py' "\$@"$/m);
    assert.match(frameworkRunproc('x.py', { command: ['python', '-u'] }), /^python -u x\.py "\$@"$/m);
    assert.equal(shellQuote('a b'), "'a b'");
  });

  it('rejects entries that are not relative paths', () => {
    for (const bad of ['', '/abs.py', 'a\nrm -rf /']) assert.throws(() => frameworkRunproc(bad), /relative path/);
  });

  it('unpacks a packed folder and runs its entry with the job arguments (bash, python3)', () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'pkg'), { recursive: true });
    writeFileSync(join(src, 'pkg', '__init__.py'), 'NAME = "pkg"\n');
    writeFileSync(join(src, 'main.py'), 'import sys, pkg\nprint(pkg.NAME, *sys.argv[1:])\n');
    const code = join(scratch, 'code');
    mkdirSync(code);
    writeFileSync(join(code, 'sourcedir.tar.gz'), packDirectory(src).bytes);
    const script = frameworkRunproc('main.py').replace(CODE_DIR, `${code}/`);
    writeFileSync(join(scratch, 'runproc.sh'), script);
    const out = execFileSync('bash', [join(scratch, 'runproc.sh'), '--beta', '0.1']).toString();
    assert.equal(out, 'pkg --beta 0.1\n');
  });

  it('fails the job when the archive is missing (set -e before tar)', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const script = frameworkRunproc('main.py').replace(CODE_DIR, `${empty}/`);
    writeFileSync(join(scratch, 'fail.sh'), script);
    assert.throws(() => execFileSync('bash', [join(scratch, 'fail.sh')], { stdio: 'pipe' }));
  });
});
