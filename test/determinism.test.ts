/**
 * DESIGN.md §4: the same spec and vars give byte-identical definition.json,
 * manifest.json and assets on any machine, any day, from any folder. SageMaker
 * step caching keys on the arguments, so one changed byte re-runs days of labeling.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, type CompileResult } from '../src/compile/compile.js';
import { canonicalJson } from '../src/util/canonical-json.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/smpipe.js');
const SPEC = 'pipeline-specs/llama3-dpo.yaml';
const VARS = 'pipeline-specs/vars/example.yaml';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'smpipe-determinism-'));
});
after(() => {
  // Read-only copies (mode 0444) still go: their folders are writable.
  rmSync(tmp, { recursive: true, force: true });
});

/** Everything a compile produces, as the CLI would write it: path → bytes. */
function outputs(result: CompileResult): Map<string, Buffer> {
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`), []);
  assert.ok(result.definitionText && result.manifest);
  const files = new Map<string, Buffer>([
    ['definition.json', Buffer.from(result.definitionText)],
    ['manifest.json', Buffer.from(canonicalJson(result.manifest))],
  ]);
  for (const asset of result.assets) files.set(asset.file, asset.bytes);
  return files;
}

function compileAt(specPath: string, varsPath: string): CompileResult {
  return compile(readFileSync(specPath, 'utf8'), { file: specPath, vars: { file: { path: varsPath, text: readFileSync(varsPath, 'utf8') } } });
}

/** Every file under `dir`, relative with "/", sorted. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function assertSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>, what: string): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${what}: the same files`);
  for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), `${what}: ${file} differs`);
}

function smpipe(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => done({ status, stderr }));
  });
}

function assertBuilt(): void {
  assert.ok(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'dist/ is not built: run `make dist/.built` (make test does) first');
}

test('(a) compiling twice in one process gives the same bytes', () => {
  const first = outputs(compileAt(join(ROOT, SPEC), join(ROOT, VARS)));
  const second = outputs(compileAt(join(ROOT, SPEC), join(ROOT, VARS)));
  assertSameFiles(second, first, 'second compile');
  assert.ok(first.size >= 6, 'definition, manifest and the assets');
});

test('(a) the spec path as given (relative or absolute) does not leak into the output', () => {
  const relativeRun = outputs(compileAt(SPEC, VARS));
  const absoluteRun = outputs(compileAt(join(ROOT, SPEC), join(ROOT, VARS)));
  assertSameFiles(absoluteRun, relativeRun, 'absolute spec path');
  for (const [file, bytes] of absoluteRun) assert.ok(!bytes.includes(ROOT), `${file} holds the checkout path ${ROOT}`);
});

test('(b) the CLI from two working directories writes identical files', async () => {
  assertBuilt();
  const fromRoot = join(tmp, 'out-root');
  const fromTmp = join(tmp, 'out-tmp');
  const elsewhere = mkdtempSync(join(tmp, 'cwd-'));
  const [a, b] = await Promise.all([
    smpipe(['compile', SPEC, '--vars', VARS, '--out', fromRoot], ROOT),
    smpipe(['compile', join(ROOT, SPEC), '--vars', join(ROOT, VARS), '--out', fromTmp], elsewhere),
  ]);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
  const expected = readTree(fromRoot);
  assertSameFiles(readTree(fromTmp), expected, 'cwd elsewhere');
  // And the CLI writes exactly what the library returns, plus the marker that lets a later
  // compile replace the folder (src/cli/write-output.ts).
  assert.ok(expected.delete('.smpipe-output'), 'the output folder carries its marker');
  assertSameFiles(expected, outputs(compileAt(join(ROOT, SPEC), join(ROOT, VARS))), 'CLI vs library');
});

/** Copies `from` to `to` creating entries in reverse order, with other mtimes and (non-exec) permissions. */
function scrambledCopy(from: string, to: string, seed: number): void {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const dirs: string[] = [];
  const copyDir = (src: string, dst: string) => {
    mkdirSync(dst, { recursive: true });
    dirs.push(dst);
    for (const name of readdirSync(src).sort().reverse()) {
      const s = join(src, name);
      const d = join(dst, name);
      if (statSync(s).isDirectory()) copyDir(s, d);
      else {
        cpSync(s, d);
        const executable = (statSync(s).mode & 0o111) !== 0;
        // Only "is it executable" is content (archive.ts keeps that bit); every other bit may differ.
        chmodSync(d, executable ? [0o700, 0o755][next() % 2]! : [0o600, 0o640, 0o444, 0o664][next() % 4]!);
        const when = new Date(Date.UTC(1990 + (next() % 45), next() % 12, 1 + (next() % 28), next() % 24));
        utimesSync(d, when, when);
      }
    }
  };
  copyDir(from, to);
  // Folders last: writing their entries changed their mtimes.
  for (const dir of dirs.reverse()) {
    chmodSync(dir, [0o700, 0o750, 0o755][next() % 3]!);
    const when = new Date(Date.UTC(2001 + (next() % 30), next() % 12, 1 + (next() % 28)));
    utimesSync(dir, when, when);
  }
}

test('(c) a copy with other mtimes, permissions and creation order compiles to the same bytes', () => {
  const expected = outputs(compileAt(join(ROOT, SPEC), join(ROOT, VARS)));
  for (const seed of [1, 2]) {
    const copy = mkdtempSync(join(tmp, `copy${seed}-`));
    mkdirSync(join(copy, '.git')); // a project: specs may read ../containers inside its git work tree
    scrambledCopy(join(ROOT, 'containers'), join(copy, 'containers'), seed);
    scrambledCopy(join(ROOT, 'pipeline-specs'), join(copy, 'pipeline-specs'), seed + 100);
    // Junk the archiver leaves out must not change anything either.
    mkdirSync(join(copy, 'containers/train-dpo/__pycache__'), { recursive: true });
    writeFileSync(join(copy, 'containers/train-dpo/__pycache__/train_dpo.cpython-311.pyc'), `junk ${seed}`);
    writeFileSync(join(copy, 'containers/evaluate/.DS_Store'), `junk ${seed}`);
    const result = compileAt(join(copy, SPEC), join(copy, VARS));
    assertSameFiles(outputs(result), expected, `copy ${seed}`);
    // The content-addressed URIs in the definition are the ones the assets hash to.
    for (const asset of result.assets) assert.ok(result.definitionText?.includes(asset.s3Uri), asset.s3Uri);
  }
});

test('(c) changing a byte of a code file changes only that archive\'s URI (the test above can fail)', () => {
  const copy = mkdtempSync(join(tmp, 'edited-'));
  mkdirSync(join(copy, '.git'));
  cpSync(join(ROOT, 'containers'), join(copy, 'containers'), { recursive: true, verbatimSymlinks: true });
  cpSync(join(ROOT, 'pipeline-specs'), join(copy, 'pipeline-specs'), { recursive: true });
  const original = compileAt(join(copy, SPEC), join(copy, VARS));
  writeFileSync(join(copy, 'containers/evaluate/evaluate.py'), `${readFileSync(join(copy, 'containers/evaluate/evaluate.py'), 'utf8')}\n`);
  const edited = compileAt(join(copy, SPEC), join(copy, VARS));
  const uris = (r: CompileResult) => new Set(r.assets.map((a) => a.s3Uri));
  const gone = [...uris(original)].filter((u) => !uris(edited).has(u));
  assert.equal(gone.length, 1, 'exactly one asset changed');
  assert.match(gone[0] as string, /\/sourcedir\.tar\.gz$/);
  assert.notEqual(edited.definitionText, original.definitionText);
});

/** Two inputs with the same bytes whose names differ only in case: locales order them differently. */
const CASE_SPEC = `pipeline: locale-order
artifacts: s3://bucket/prefix
defaults: { role: "arn:aws:iam::111122223333:role/R" }
steps:
  A:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1
    instance: { type: ml.m5.xlarge }
    entrypoint: [python3, /opt/program/run.py]
    inputs:
      upper: { file: data/Data.csv }
      lower: { file: data/data.csv }
      accent: { file: data/\u00e9t\u00e9.csv }
      plain: { file: data/ete.csv }
`;

test('(d) TZ and LANG do not change the output', async () => {
  assertBuilt();
  const caseDir = mkdtempSync(join(tmp, 'case-'));
  mkdirSync(join(caseDir, 'data'));
  for (const name of ['Data.csv', 'data.csv', '\u00e9t\u00e9.csv', 'ete.csv']) writeFileSync(join(caseDir, 'data', name), 'same,bytes\n');
  writeFileSync(join(caseDir, 'spec.yaml'), CASE_SPEC);
  const envs: NodeJS.ProcessEnv[] = [
    { TZ: 'UTC', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
    { TZ: 'Asia/Tokyo', LANG: 'C', LC_ALL: 'C' },
    { TZ: 'America/St_Johns', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    { TZ: 'Europe/Copenhagen', LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' },
  ];
  const specs = [[SPEC, VARS], [join(caseDir, 'spec.yaml')]] as const;
  const jobs = envs.flatMap((env, i) => specs.map(([spec, vars], j) => ({ env, out: join(tmp, `env-${i}-${j}`), args: ['compile', spec, ...(vars ? ['--vars', vars] : [])] })));
  const runs = await Promise.all(jobs.map((job) => smpipe([...job.args, '--out', job.out], ROOT, job.env)));
  runs.forEach((r, i) => assert.equal(r.status, 0, `${JSON.stringify(jobs[i]?.env)}: ${r.stderr}`));
  for (let j = 0; j < specs.length; j++) {
    const expected = readTree(join(tmp, `env-0-${j}`));
    for (let i = 1; i < envs.length; i++) assertSameFiles(readTree(join(tmp, `env-${i}-${j}`)), expected, `${specs[j]?.[0]} under ${JSON.stringify(envs[i])}`);
  }
});
