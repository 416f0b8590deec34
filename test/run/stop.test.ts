/** Ctrl-C: the running job's whole process group is stopped, the run is marked Stopped, exit 130. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, PYTHON, smpipe, tempDir } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';

/** Running, not a zombie waiting for a parent that does not reap (a container's PID 1 may not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

function runDir(localDir: string): string | undefined {
  const runs = join(localDir, 'runs');
  const [id] = existsSync(runs) ? readdirSync(runs) : [];
  return id ? join(runs, id) : undefined;
}

test('Ctrl-C stops the running job and its children, marks the run stopped, exits 130', async () => {
  const localDir = tempDir();
  let pids: number[] = [];
  const interruptWhenStarted = (child: ChildProcess): void => {
    const dir = runDir(localDir);
    const log = dir ? join(dir, 'Sleep', 'log.txt') : '';
    const started = log && existsSync(log) ? /started (\d+) (\d+)/.exec(readFileSync(log, 'utf8')) : null;
    if (!started) return void setTimeout(() => interruptWhenStarted(child), 200);
    pids = [Number(started[1]), Number(started[2])];
    child.kill('SIGINT');
  };
  let watching = false;
  const result = await smpipe(['run', compileTo('test/run/fixtures/sleep.yaml'), '--python', PYTHON, '--local-dir', localDir], {
    onStderr: (_text, child) => {
      if (!watching) (watching = true), interruptWhenStarted(child);
    },
  });
  assert.equal(pids.length, 2, `the job started:\n${result.stderr}`);
  assert.equal(result.status, 130, result.stderr);
  const run = JSON.parse(readFileSync(join(runDir(localDir) as string, 'run.json'), 'utf8')) as RunRecord;
  assert.equal(run.status, 'Stopped');
  assert.equal(run.steps.Sleep?.status, 'Stopped');
  assert.equal(run.steps.After?.status, 'Skipped');
  for (const pid of pids) assert.ok(!running(pid), `process ${pid} was stopped`);
});
