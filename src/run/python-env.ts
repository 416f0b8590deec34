/**
 * The interpreter a job runs with. SageMaker's DLC images install the code's requirements.txt
 * into the image's Python before the entry point (the training toolkit's
 * modules.install_requirements, runproc.sh for processing). Here each requirements.txt gets a
 * virtual environment, kept by the sha256 of its bytes and of the base interpreter, created
 * once and reused; the base interpreter's packages are visible in it (a .pth file), so pip only
 * installs what the base lacks: torch is never installed again for every job. The base is
 * --python / SMPIPE_LOCAL_PYTHON, else python3 on PATH.
 *
 * Every job gets a bin folder first on PATH whose python, python3, pip and pip3 are that
 * environment's: runproc.sh's `pip install -r requirements.txt` and `python3 entry.py` land there.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { sha256Hex } from '../assets/hash.js';
import { StepFailure } from './errors.js';

export interface JobPython {
  /** Put first on PATH. */
  bin: string;
  /** The interpreter itself. */
  python: string;
}

/** An interpreter named on the command line, as an absolute path. */
export function findPython(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name.includes('/')) return resolve(name);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new StepFailure(`no ${name} on PATH; pass --python PATH or set SMPIPE_LOCAL_PYTHON`);
}

/** Runs a setup command, its output into the step log; a failure fails the step with its last lines. */
function run(command: string, args: string[], log: (text: string) => void): Promise<string> {
  log(`$ ${[command, ...args].join(' ')}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60_000 });
    let stdout = '';
    let tail = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), (tail = (tail + d).slice(-4000)), log(d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => ((tail = (tail + d).slice(-4000)), log(d)));
    child.on('error', (error) => reject(new StepFailure(`ClientError: cannot run ${command}: ${error.message}`)));
    child.on('close', (status) => {
      if (status === 0) return resolvePromise(stdout);
      const last = tail.trim().split('\n').slice(-3).join(' | ');
      reject(new StepFailure(`ClientError: ${[command, ...args].join(' ')} failed (exit code ${status}): ${last}`));
    });
  });
}

function shim(path: string, text: string): void {
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
}

function quote(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

/** A folder with python/pip commands that run `python` (pip installs into the same interpreter). */
function writeShims(bin: string, python: string): void {
  mkdirSync(bin, { recursive: true });
  for (const name of ['python', 'python3']) if (!existsSync(join(bin, name))) shim(join(bin, name), `exec ${quote(python)} "$@"`);
  for (const name of ['pip', 'pip3']) shim(join(bin, name), `exec ${quote(python)} -m pip "$@"`);
}

/** Site-packages folders the base interpreter sees, for the environment's .pth file. */
async function baseSitePackages(base: string, log: (text: string) => void): Promise<string[]> {
  const code = 'import json, sys; print(json.dumps([p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]))';
  return JSON.parse((await run(base, ['-c', code], log)).trim().split('\n').pop() ?? '[]') as string[];
}

async function createEnvironment(dir: string, base: string, requirements: Buffer, log: (text: string) => void): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await run(base, ['-m', 'venv', '--without-pip', dir], log);
  const python = join(dir, 'bin', 'python');
  const lib = join(dir, 'lib');
  const site = readdirSync(lib).map((v) => join(lib, v, 'site-packages')).find((p) => existsSync(p));
  if (!site) throw new StepFailure(`ClientError: ${dir}: the new environment has no site-packages folder`);
  writeFileSync(join(site, '_smpipe_base.pth'), `${(await baseSitePackages(base, log)).join('\n')}\n`);
  // pip from the base interpreter, working on the new environment (pip >= 22.3: --python). The
  // environment was made from this very requirements.txt, so `pip install -r requirements.txt`
  // with an identical file (runproc.sh's line) has nothing to do and says so at once.
  writeShims(join(dir, 'bin'), python);
  const installed = quote(join(dir, 'requirements.txt'));
  const pip = `exec ${quote(base)} -m pip --python ${quote(python)} "$@"`;
  const fastPath = `if [ "$#" -eq 3 ] && [ "$1" = install ] && [ "$2" = -r ] && cmp -s "$3" ${installed}; then\n  echo "smpipe: $3 is already installed in ${dir.replace(/[`"$\\]/g, '')}"; exit 0\nfi\n${pip}`;
  for (const name of ['pip', 'pip3']) shim(join(dir, 'bin', name), fastPath);
  writeFileSync(join(dir, 'requirements.txt'), requirements);
  await run(join(dir, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-r', join(dir, 'requirements.txt')], log);
  writeFileSync(join(dir, '.smpipe-ready'), '');
}

const creating = new Map<string, Promise<JobPython>>();

/**
 * The job's interpreter: `base` itself without requirements, else the cached environment for
 * them (created on first use; concurrent steps of one run wait for the same creation).
 */
export function jobPython(cacheDir: string, base: string, requirements: Buffer | undefined, log: (text: string) => void): Promise<JobPython> {
  // A bare name (python3) is looked up on PATH, as a shell would; resolve() would make it
  // ./python3 in the working folder.
  const absolute = isAbsolute(base) ? base : findPython(base);
  const key = sha256Hex(Buffer.concat([Buffer.from(`${absolute}\0`), requirements ?? Buffer.alloc(0)])).slice(0, 16);
  const dir = join(cacheDir, requirements ? `req-${key}` : `base-${key}`);
  const pending = creating.get(dir);
  if (pending) return pending;
  const made = Promise.resolve().then(async (): Promise<JobPython> => {
    if (!requirements) {
      writeShims(join(dir, 'bin'), absolute);
      return { bin: join(dir, 'bin'), python: absolute };
    }
    if (!existsSync(join(dir, '.smpipe-ready'))) await createEnvironment(dir, absolute, requirements, log);
    else log(`requirements.txt: reusing ${dir}\n`);
    return { bin: join(dir, 'bin'), python: join(dir, 'bin', 'python') };
  });
  creating.set(dir, made);
  made.catch(() => creating.delete(dir));
  return made;
}
