import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** The repository root, and the real CLI (`bin/smpipe.js` runs the compiled dist/; `make test` builds it first). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/smpipe.js');

/** The smallest spec that compiles clean: one processing step. */
export const SMALL_SPEC = `pipeline: small
steps:
  A:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1
    instance: { type: ml.m5.xlarge }
    role: arn:aws:iam::111122223333:role/R
    entrypoint: [python3, /opt/program/run.py]
`;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; independent runs are started together (Promise.all) to keep a file quick. */
export function smpipe(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', SMPIPE_DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(node:)/m;
export const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning) (SMP\d{4}): /;

export function assertNoStack(run: Run): void {
  assert.doesNotMatch(run.stderr, STACK_FRAME, `stack trace on stderr:\n${run.stderr}`);
  assert.doesNotMatch(run.stdout, STACK_FRAME, `stack trace on stdout:\n${run.stdout}`);
}

/** `CODE line:col` of each diagnostic line printed. */
export function printed(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const m = DIAGNOSTIC_LINE.exec(line);
    return m ? [`${m[5]} ${m[2]}:${m[3]}`] : [];
  });
}
