import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { ASYNC_COMMANDS } from '../../src/cli/deploy-command-list.js';
import { runCommand, type Io } from '../../src/cli/deploy-io.js';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { startEmulator, type Emulator } from '../emulator/index.js';

export const FIXTURES = 'test/deploy/fixtures';
export const SMALL = `${FIXTURES}/small.yaml`;
export const BUCKET = 'deploy-test-bucket';

/**
 * The emulator with the real SDK clients pointed at it the way a user would: the SDK's own
 * endpoint variables (AWS_ENDPOINT_URL), dummy credentials in the environment, a region, no
 * shared config files and no instance metadata lookups.
 */
export async function startDeployEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ stepDefaults: { durationMs: 10 } });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: emulator.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(tmpdir(), 'smpipe-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'smpipe-no-aws-credentials'),
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  await createBucket(emulator, BUCKET);
  await provision(emulator);
  emulator.clearRequests();
  return emulator;
}

/** What preflight looks for, for the fixtures' pipelines: the role (trusting SageMaker) and a GPU training quota. */
export const PIPELINE_ROLE = 'arn:aws:iam::111122223333:role/Pipeline';
export const TRUST_SAGEMAKER = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

async function provision(emulator: Emulator): Promise<void> {
  const iam = new IAMClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  try {
    await iam.send(new CreateRoleCommand({ RoleName: 'Pipeline', AssumeRolePolicyDocument: TRUST_SAGEMAKER }));
  } finally {
    iam.destroy();
  }
  emulator.setQuota('ml.g5.2xlarge for training job usage', 1);
}

/** A plain path-style CreateBucket (the emulator does not check signatures). */
export async function createBucket(emulator: Emulator, bucket: string): Promise<void> {
  const response = await fetch(`${emulator.endpoint}/${bucket}`, { method: 'PUT' });
  if (!response.ok) throw new Error(`CreateBucket ${bucket}: HTTP ${response.status}`);
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Where this test process's compiled folders go. Test files run in parallel and compile the same
 * fixtures: each gets its own build root instead of the repository's build/.
 */
const BUILD_ROOT = mkdtempSync(join(tmpdir(), 'smpipe-build-'));
after(() => rmSync(BUILD_ROOT, { recursive: true, force: true }));

/** The compiled folder `smpipe` (below) writes for a spec path: one per spec file. */
export function buildDir(spec: string): string {
  return join(BUILD_ROOT, createHash('sha256').update(resolve(spec)).digest('hex').slice(0, 12));
}

/**
 * Runs one deploy command in-process, as `smpipe NAME ...argv` would, capturing its output. A
 * spec target (the first argument) gets `--out buildDir(spec)` unless the test passes its own --out.
 */
export async function smpipe(name: string, argv: string[], tty = false): Promise<CliRun> {
  const run = { code: -1, out: '', err: '' };
  const io: Io = { out: (t) => void (run.out += t), err: (t) => void (run.err += t), isTTY: tty, errTTY: tty };
  const command = ASYNC_COMMANDS[name];
  if (!command) throw new Error(`no deploy command ${name}`);
  const target = argv[0];
  const args = target && /\.ya?ml$/i.test(target) && !argv.includes('--out') ? [...argv, '--out', buildDir(target)] : argv;
  run.code = await runCommand(name, command, args, io);
  return run;
}

/** A throw-away copy of the fixtures folder (for tests that edit code folders). */
export function copyFixtures(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-deploy-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Request actions since the last clearRequests, as `Action×n` counts in first-seen order. */
export function requestCounts(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of emulator.requests) counts[r.action] = (counts[r.action] ?? 0) + 1;
  return counts;
}
