/**
 * Helpers for the runner's tests: specs compiled into temporary folders (as `smpipe compile`
 * writes them), `smpipe run` as a subprocess (the built CLI, dist/) or in process, and one shared
 * cache of job environments so only the first test pays for creating one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../src/assets/hash.js';
import { compile } from '../../src/compile/compile.js';
import { writeCompileOutput } from '../../src/cli/write-output.js';
import { readCompiledFolder } from '../../src/run/folder.js';
import type { RunOptions } from '../../src/run/options.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { RunRecord } from '../../src/run/state.js';
import { lineView } from '../../src/run/view.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/smpipe.js');
export const FIXTURES = join(ROOT, 'test/run/fixtures');
export const PYTHON = existsSync(join(ROOT, '.venv/bin/python')) ? join(ROOT, '.venv/bin/python') : 'python3';
export const VENVS = join(tmpdir(), 'smpipe-run-tests-venvs');
process.env.SMPIPE_VENV_DIR ??= VENVS;

export function tempDir(prefix = 'smpipe-run-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Compiles a spec into a fresh folder; `set` are --set pairs, `vars` a vars file. Throws on compile errors. */
export function compileTo(spec: string, set: string[] = [], vars?: string): string {
  const file = resolve(ROOT, spec);
  const varsFile = vars ? { path: resolve(ROOT, vars), text: readFileSync(resolve(ROOT, vars), 'utf8') } : undefined;
  const result = compile(readFileSync(file, 'utf8'), { file, vars: { set, ...(varsFile ? { file: varsFile } : {}) } });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !result.manifest) throw new Error(`${spec}: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const out = join(tempDir('smpipe-compiled-'), result.manifest.pipeline);
  writeCompileOutput(result, out);
  return out;
}

/**
 * Edits a compiled folder's definition.json and reseals manifest.json (sha256 and size), as a
 * hand-made or imported definition would arrive: the folder reader's hash check passes, so the
 * runner's own checks of the definition are what the test sees.
 */
export function editDefinition(folder: string, edit: (text: string) => string): string {
  const file = join(folder, 'definition.json');
  const text = edit(readFileSync(file, 'utf8'));
  writeFileSync(file, text);
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { definition: { sha256: string; size: number } };
  manifest.definition.sha256 = sha256Hex(text);
  manifest.definition.size = Buffer.byteLength(text);
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function smpipe(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; onStderr?: (text: string, child: import('node:child_process').ChildProcess) => void } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', SMPIPE_DEBUG: '', AWS_EC2_METADATA_DISABLED: 'true', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      options.onStderr?.(stderr, child);
    });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

export function options(localDir: string, extra: Partial<RunOptions> = {}): RunOptions {
  return { localDir, backend: 'process', python: PYTHON, params: [], callbacks: new Map(), lambdas: new Map(), ...extra };
}

/** Runs a compiled folder in this process; the view's lines are collected. */
export async function runFolder(folder: string, opts: RunOptions, signal = new AbortController().signal): Promise<{ run: RunRecord; lines: string }> {
  let lines = '';
  const run = await runPipeline({ folder: readCompiledFolder(folder), options: opts, view: lineView((t) => (lines += t)), signal });
  return { run, lines };
}

/** Credentials nowhere: the SDK's chain must find none (no files, no metadata service). */
export const NO_AWS: NodeJS.ProcessEnv = {
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_CONFIG_FILE: join(tmpdir(), 'smpipe-no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'smpipe-no-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
  AWS_WEB_IDENTITY_TOKEN_FILE: '',
};
