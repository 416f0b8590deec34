/**
 * What processing and training jobs share: the step root that stands for /opt/ml, staging S3
 * inputs into it, the job's environment, the interpreter for its code archive, running the
 * command on the chosen backend, and turning an exit into a failure reason.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StepFailure } from './errors.js';
import { dockerCommand, dockerStop, hasGpus } from './docker.js';
import { runJob, type JobExit } from './job-process.js';
import { jobPython, type JobPython } from './python-env.js';
import { ensureLocal } from './remote-s3.js';
import { detectSandbox, mapOptMl, type Sandbox } from './sandbox.js';
import type { StepContext } from './steps/types.js';

/** The step's folder that the job sees as /opt/ml. */
export function jobRoot(ctx: StepContext): string {
  return join(ctx.dir, 'root');
}

/** Where a container path under /opt/ml lives on this machine. */
export function hostPath(ctx: StepContext, containerPath: string): string {
  const mapped = mapOptMl(containerPath, jobRoot(ctx));
  if (mapped === containerPath) throw new StepFailure(`ClientError: ${containerPath} is not under /opt/ml; the local runner places data only there`);
  return mapped;
}

export function sagemakerArn(ctx: StepContext, resource: string): string {
  return `arn:aws:sagemaker:${ctx.run.region}:${ctx.run.account}:${resource}`;
}

/** Copies an S3 input (fetched from AWS first when it is not local) to a container path. */
export async function stageInput(ctx: StepContext, uri: string, containerPath: string, field: string): Promise<void> {
  if (!ctx.s3.has(uri) && existsSync(ctx.s3.pathOf(uri.replace(/^(s3:\/\/[^/]+).*$/, '$1/')))) {
    // The bucket is one this machine keeps: an empty prefix is the job's error, as on SageMaker.
    throw new StepFailure(`ClientError: No S3 objects found under S3 URL "${uri}" given in ${field}.`);
  }
  await ensureLocal(ctx.s3, uri, ctx.planned.name, field);
  const files = ctx.s3.download(uri, hostPath(ctx, containerPath));
  ctx.log(`smpipe: ${field}: ${uri} -> ${containerPath} (${files.length} file${files.length === 1 ? '' : 's'})\n`);
}

/** Host variables a job may need (locale, proxies, pip and Hugging Face settings, AWS access). */
const PASSED_THROUGH = /^(HOME|USER|LANG|LC_[A-Z]+|TZ|TMPDIR|TERM|PIP_.*|HF_.*|HUGGINGFACE_.*|TRANSFORMERS_.*|AWS_.*|CUDA_VISIBLE_DEVICES|OMP_NUM_THREADS|MKL_NUM_THREADS|(HTTPS?|NO)_PROXY|(https?|no)_proxy)$/;

/**
 * A container starts with its image's environment, not the caller's: only what a job may need
 * passes through. PYTHONUNBUFFERED as the Deep Learning Containers set it, so logs are live.
 */
export function jobEnvironment(ctx: StepContext, python: JobPython | undefined, own: Record<string, string>): Record<string, string> {
  // In a container the image's own environment applies (its PATH above all): only the job's own values go in.
  if (ctx.options.backend === 'docker') return { ...own };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && PASSED_THROUGH.test(key)) env[key] = value;
  env.PATH = [python?.bin, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(':');
  env.PYTHONUNBUFFERED = '1';
  env.AWS_REGION ??= ctx.run.region;
  env.AWS_DEFAULT_REGION ??= ctx.run.region;
  return { ...env, ...own };
}

/** Values of Environment (the request's map), as the job must see them. */
export function requestEnvironment(ctx: StepContext, sandbox: Sandbox | undefined, environment: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof environment !== 'object' || environment === null) return out;
  for (const [key, value] of Object.entries(environment)) out[key] = sandbox ? sandbox.mapValue(String(value), jobRoot(ctx)) : String(value);
  return out;
}

/** requirements.txt at the top of a code archive (SageMaker installs it before the entry point). */
export function requirementsIn(archive: string): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const child = spawn('tar', ['-xzOf', archive, 'requirements.txt'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks) : undefined));
  });
}

export function extractArchive(archive: string, dest: string): Promise<void> {
  mkdirSync(dest, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn('tar', ['-xzf', archive, '-C', dest], { stdio: ['ignore', 'ignore', 'pipe'] });
    let error = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (error += d));
    child.on('error', (e) => reject(new StepFailure(`ClientError: cannot run tar: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new StepFailure(`ClientError: cannot extract ${archive}: ${error.trim()}`))));
  });
}

/** The interpreter for a job whose code archive may hold requirements.txt (process backend only). */
export async function pythonFor(ctx: StepContext, archive: string | undefined): Promise<JobPython> {
  const requirements = archive ? await requirementsIn(archive) : undefined;
  // SMPIPE_VENV_DIR shares the environments between local folders (the tests use one for all runs).
  const cache = process.env.SMPIPE_VENV_DIR ?? join(ctx.options.localDir, 'venvs');
  return jobPython(cache, ctx.options.python, requirements, (text) => ctx.log(text));
}

export interface JobLaunch {
  image: string;
  /** The command as the container would run it (process backend) … */
  command: string[];
  /** … or, for the docker backend, what follows the image (undefined: the image's own command). */
  dockerEntrypoint?: string[];
  dockerArgs: string[];
  env: Record<string, string>;
  cwd: string;
}

export function sandboxFor(ctx: StepContext): Sandbox | undefined {
  return ctx.options.backend === 'process' ? detectSandbox() : undefined;
}

/** Runs the job on the chosen backend; its output goes to the step log. */
export function launch(ctx: StepContext, job: JobLaunch, sandbox: Sandbox | undefined): Promise<JobExit> {
  const root = jobRoot(ctx);
  if (ctx.options.backend === 'docker') {
    const name = `smpipe-${ctx.run.id}-${ctx.planned.name}`.toLowerCase().replace(/[^a-z0-9_.-]/g, '-').slice(0, 63);
    const command = dockerCommand({ image: job.image, name, root, env: job.env, ...(job.dockerEntrypoint ? { entrypoint: job.dockerEntrypoint } : {}), args: job.dockerArgs, gpus: hasGpus() });
    ctx.log(`smpipe: ${command.join(' ')}\n`);
    return runJob({ command, cwd: root, env: { ...process.env, ...job.env } as Record<string, string>, logFile: ctx.logFile, signal: ctx.signal, onStop: () => dockerStop(name) });
  }
  const command = (sandbox ?? detectSandbox()).wrap(job.command, root);
  ctx.log(`smpipe: /opt/ml is ${root} (${sandbox?.mode ?? 'bind'} mode); running ${job.command.join(' ')}\n`);
  return runJob({ command, cwd: job.cwd, env: job.env, logFile: ctx.logFile, signal: ctx.signal });
}

/**
 * The failure reason of a finished job, or undefined when it succeeded. SageMaker takes the
 * reason from /opt/ml/output/failure when the job wrote one (the training toolkit does), else
 * names the exit code; the last error line of the log is added here, since there is no
 * CloudWatch to look it up in.
 */
export function failureOf(ctx: StepContext, exit: JobExit): string | undefined {
  if (exit.stopped) throw new StepFailure('Stopped');
  if (exit.code === 0) return undefined;
  const failureFile = join(jobRoot(ctx), 'output', 'failure');
  if (existsSync(failureFile)) {
    const text = readFileSync(failureFile, 'utf8').trim();
    if (text) return `AlgorithmError: ${text.slice(0, 1024)}`;
  }
  const lines = exit.tail.trim().split('\n').filter((l) => l.trim());
  // The job's own error line (`error: …`, `ValueError: …`), not a launcher's summary of it.
  const own = /^\s*(error: |([A-Za-z_.]*(Error|Exception)): )/;
  const last = [...lines].reverse().find((l) => own.test(l) && !/ChildFailedError|CalledProcessError/.test(l)) ?? lines[lines.length - 1] ?? '';
  return `AlgorithmError: ${exit.code === null ? `killed by ${exit.signal}` : `exit code ${exit.code}`}${last ? `: ${last.trim().slice(0, 500)}` : ''}`;
}
