/**
 * moto's server as a child process: started on a kernel-chosen free port of 127.0.0.1, stopped
 * with the emulator, and (through the watchdog's stdin pipe) gone when this process dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WATCHDOG = fileURLToPath(new URL('./moto_server_watchdog.py', import.meta.url));
/** A cold `import moto` can take several seconds on a slow disk. */
const START_TIMEOUT_MS = 60_000;

export interface MotoProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The Python that has moto: SMPIPE_MOTO_PYTHON, else python3 on PATH (where moto_server lives). */
function pythonCommand(): string {
  return process.env['SMPIPE_MOTO_PYTHON'] ?? 'python3';
}

const MISSING_HELP =
  'moto is not installed for this Python. Install it with `pip install "moto[server]==5.2.1"` ' +
  '(or point SMPIPE_MOTO_PYTHON at a Python that has it).';

export async function startMoto(options: { accountId: string; region: string }): Promise<MotoProcess> {
  const python = pythonCommand();
  const child = spawn(python, [WATCHDOG, '0'], {
    env: { ...process.env, MOTO_ACCOUNT_ID: options.accountId, AWS_DEFAULT_REGION: options.region },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const port = await waitForReady(child, python);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

/** Resolves with the port from "READY <port>"; rejects with a readable reason otherwise. */
function waitForReady(child: ChildProcess, python: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(message));
    };
    const timer = setTimeout(() => fail(`moto server did not start within ${START_TIMEOUT_MS} ms.\n${stderr}`), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\d+)/.exec(stdout);
      if (ready) { clearTimeout(timer); resolve(Number(ready[1])); } else if (stdout.includes('MOTO_MISSING')) fail(`${MISSING_HELP}\n${stdout.trim()}`);
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? `Cannot run ${python}: not found. ${MISSING_HELP}` : `Cannot run ${python}: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (!/READY/.test(stdout)) fail(`moto server exited (${signal ?? code}) before it was ready.\n${stderr || stdout}`);
    });
  });
}

/** Closes the watchdog's stdin (a clean exit) and kills it if it lingers. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
