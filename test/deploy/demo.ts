/**
 * `make demo`: the whole deploy flow against the local emulator, nothing from AWS. Compiles the
 * flagship, starts the emulator, runs preflight (which finds the empty account lacking what the
 * flagship needs), upserts the pipeline (from the spec, then again from its compiled
 * folder: nothing to do), starts an execution and follows it until
 * the human-labeling callback step is waiting, then stops the execution and the emulator.
 * Dummy credentials and the SDK's own AWS_ENDPOINT_URL point every AWS call at the emulator.
 * As in SageMaker, a stopped callback step stays Stopping until its consumer (the labeling bridge)
 * answers the `Stopping` message; the demo has no consumer, so it stops without waiting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const SPEC = 'pipeline-specs/llama3-dpo.yaml';
const VARS = 'pipeline-specs/vars/example.yaml';
const FOLDER = 'build/llama3-dpo-alignment';
const BUCKET = 'example-bucket-111122223333';
const WAITING_STEP = 'CollectPreferences';

function banner(text: string): void {
  const [bold, plain] = process.stdout.isTTY ? ['\x1b[1m', '\x1b[0m'] : ['', ''];
  process.stdout.write(`\n${bold}== ${text}${plain}\n`);
}

/** Runs `smpipe ARGS` with the demo environment; resolves with its exit status and stdout. */
function smpipe(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/smpipe.js', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Starts test/emulator/main.ts on a free port; resolves once it prints its endpoint. */
function startEmulator(): Promise<{ child: ChildProcess; endpoint: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line.startsWith('endpoint=')) resolve({ child, endpoint: line.slice('endpoint='.length) });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready`)));
  });
}

/** The environment of every smpipe call: the emulator's endpoint, dummy credentials, no AWS config. */
function demoEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'demo', AWS_SECRET_ACCESS_KEY: 'demo', AWS_REGION: 'us-east-1' };
  Object.assign(env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/smpipe-demo', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/smpipe-demo' });
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete env[key];
  return env;
}

/** Follows the execution with `smpipe watch` until the callback step is waiting for its labelers. */
function watchUntilWaiting(arn: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/smpipe.js', 'watch', arn, '--poll-interval', '0.5'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      process.stdout.write(`${line}\n`);
      if (new RegExp(`\\b${WAITING_STEP}\\s+Executing\\b`).test(line)) child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

async function run(endpoint: string): Promise<void> {
  const env = demoEnv(endpoint);
  await fetch(`${endpoint}/${BUCKET}`, { method: 'PUT' });
  banner(`smpipe plan ${SPEC}`);
  await smpipe(['plan', SPEC, '--vars', VARS], env);
  banner(`smpipe preflight ${SPEC} (the emulator's empty account has none of the roles, quotas, queues and teams the flagship needs)`);
  await smpipe(['preflight', SPEC, '--vars', VARS], env);
  banner(`smpipe upsert ${SPEC} --no-preflight (the demo goes on regardless)`);
  if ((await smpipe(['upsert', SPEC, '--vars', VARS, '--no-preflight'], env)).code !== 0) throw new Error('upsert failed');
  banner(`smpipe upsert ${FOLDER} (the compiled folder, as a reviewer would): nothing to do`);
  await smpipe(['upsert', FOLDER], env);
  banner('smpipe start --param Beta=0.2 --no-preflight');
  const started = await smpipe(['start', SPEC, '--vars', VARS, '--param', 'Beta=0.2', '--display-name', 'demo', '--no-preflight'], env);
  const arn = /^started (\S+)/m.exec(started.out)?.[1];
  if (!arn) throw new Error('start failed');
  banner(`smpipe watch (until ${WAITING_STEP} waits for the labelers)`);
  await watchUntilWaiting(arn, env);
  banner('smpipe stop (the callback step stays Stopping until a consumer answers its Stopping message)');
  await smpipe(['stop', arn], env);
  banner(`smpipe executions ${SPEC}`);
  await smpipe(['executions', SPEC, '--vars', VARS], env);
}

async function main(): Promise<void> {
  banner('starting the emulator (test/emulator/main.ts)');
  const emulator = await startEmulator();
  process.stdout.write(`endpoint=${emulator.endpoint}\n`);
  try {
    await run(emulator.endpoint);
  } finally {
    emulator.child.kill('SIGTERM');
  }
  banner('done: emulator stopped; nothing was sent to AWS');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
