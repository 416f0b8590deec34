/**
 * The CLI against hostile input and careless use (issue 10, items 3, 6, 7, 8, 12, 17): devices,
 * pipes, huge and non-UTF-8 files, missing vars, prototype names, and a reader that goes away.
 * Every case ends with an SMP code or a usage message and the right exit status, never a stack
 * trace or a hang. Runs the compiled CLI (make test builds dist/ first).
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { assertNoStack, BIN, printed, ROOT, smpipe, STACK_FRAME } from './helpers/cli.js';

const FLAGSHIP = 'pipeline-specs/llama3-dpo.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'smpipe-cli-input-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const SPEC = file('spec.yaml', 'pipeline: p\nvars: { note: null }\nsteps:\n  Stop: { kind: fail, message: "${vars.note}" }\n');

test('dist/ is built', () => {
  assert.ok(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'run `make dist/.built` (make test does) before this test');
});

test('/dev/zero as the spec or the vars file: SMP1003, exit 1, nothing read', { timeout: 60_000 }, async () => {
  const [spec, vars] = await Promise.all([smpipe(['validate', '/dev/zero']), smpipe(['validate', SPEC, '--vars', '/dev/zero'])]);
  for (const run of [spec, vars]) {
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(printed(run.stderr), ['SMP1003 1:1']);
    assertNoStack(run);
  }
});

test('a FIFO as the spec: SMP1003 at once, no waiting for a writer', { timeout: 60_000 }, async () => {
  const fifo = join(tmp, 'spec.fifo');
  execFileSync('mkfifo', [fifo]);
  const run = await smpipe(['compile', fifo]);
  assert.equal(run.status, 1);
  assert.deepEqual(printed(run.stderr), ['SMP1003 1:1']);
});

test('a 3 GB spec is SMP1005 from its size; invalid UTF-8 is SMP1001 at the byte', { timeout: 60_000 }, async () => {
  const big = file('big.yaml', '');
  truncateSync(big, 3 * 1024 ** 3);
  const latin1 = file('latin1.yaml', Buffer.concat([Buffer.from('pipeline: p\nsteps:\n  Stop: { kind: fail, message: "caf'), Buffer.from([0xe9]), Buffer.from('" }\n')]));
  const [large, bytes] = await Promise.all([smpipe(['validate', big]), smpipe(['validate', latin1, '--format', 'json'])]);
  assert.equal(large.status, 1);
  assert.deepEqual(printed(large.stderr), ['SMP1005 1:1']);
  assert.equal(bytes.status, 1);
  const [json] = JSON.parse(bytes.stdout) as { code: string; line: number; col: number }[];
  assert.deepEqual([json?.code, json?.line, json?.col], ['SMP1001', 3, 36]);
});

test('graph needs no vars: the flagship without --vars prints its graph, exit 0', async () => {
  const run = await smpipe(['graph', FLAGSHIP]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^flowchart TD\n/);
  const steps = Object.keys((parseYaml(readFileSync(join(ROOT, FLAGSHIP), 'utf8')) as { steps: object }).steps);
  for (const step of steps) assert.ok(run.stdout.includes(step), step);
  assert.equal(run.stderr, '');
});

test('validate without --vars reports each unset var once, with the --vars hint', async () => {
  const run = await smpipe(['validate', FLAGSHIP]);
  assert.equal(run.status, 1);
  const lines = run.stderr.split('\n').filter((l) => / error SMP/.test(l));
  assert.ok(lines.every((l) => l.includes('SMP3004')), lines.join('\n'));
  assert.equal(new Set(lines.map((l) => /var "(\w+)"/.exec(l)?.[1])).size, lines.length);
  assert.equal(run.stderr.match(/hint: pass it with --vars FILE/g)?.length, lines.length);
});

test('prototype names on the command line: unknown command, undeclared var', async () => {
  const [command, set] = await Promise.all([smpipe(['constructor']), smpipe(['validate', SPEC, '--set', 'constructor=x', '--set', 'note=n'])]);
  assert.equal(command.status, 2);
  assert.match(command.stderr, /unknown command "constructor"/);
  assert.equal(set.status, 1);
  assert.deepEqual(printed(set.stderr).map((d) => d.split(' ')[0]), ['SMP3003']);
  for (const run of [command, set]) assertNoStack(run);
});

test('a token passed with --set stops compile: SMP7003, exit 1, nothing written', async () => {
  const out = join(tmp, 'out');
  const run = await smpipe(['compile', SPEC, '--set', `note=${['hf', 'abcdefghijklmnopqrstuvwxyzABCDEF'].join('_')}`, '--out', out]);
  assert.equal(run.status, 1);
  assert.deepEqual(printed(run.stderr).map((d) => d.split(' ')[0]), ['SMP7003']);
  assert.ok(!existsSync(out));
});

/** Runs the CLI with its stdout closed by the reader before anything is written (`| head` that has had enough). */
function withClosedStdout(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', SMPIPE_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stderr }));
  });
}

test('`smpipe explain | head`: a reader that goes away ends no command with a stack trace', async () => {
  const runs = await Promise.all([
    withClosedStdout(['explain']),
    withClosedStdout(['explain', 'SMP3002']),
    withClosedStdout(['graph', FLAGSHIP]),
    withClosedStdout(['validate', SPEC, '--format', 'json']),
    withClosedStdout(['--help']),
  ]);
  assert.deepEqual(runs.map((r) => r.status), [0, 0, 0, 1, 0]);
  for (const run of runs) assert.doesNotMatch(run.stderr, STACK_FRAME, run.stderr);
  for (const run of runs) assert.doesNotMatch(run.stderr, /EPIPE|internal error/, run.stderr);
});
