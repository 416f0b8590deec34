/**
 * The docker backend: the step's real image with the SageMaker layout, the step's root mounted
 * at /opt/ml, the host name algo-1 (what a single-instance job sees). Processing runs its
 * ContainerEntrypoint + ContainerArguments; training runs `<image> train`, the command SageMaker
 * starts training containers with, so the image's own training toolkit does the rest.
 * Environment values go to the docker CLI's own environment and are named with `-e NAME`, so
 * they never show in a process list. Pulling a DLC from ECR needs a `docker login` first.
 */
import { spawnSync } from 'node:child_process';
import { RunError } from './errors.js';

export interface DockerJob {
  image: string;
  /** Container name: lets a stop reach the container, not only the CLI. */
  name: string;
  root: string;
  env: Record<string, string>;
  /** The container command: entrypoint words then arguments (processing), or ['train']. */
  entrypoint?: string[];
  args: string[];
  gpus: boolean;
}

export function dockerCommand(job: DockerJob): string[] {
  const command = ['docker', 'run', '--rm', '--name', job.name, '--hostname', 'algo-1', '--volume', `${job.root}:/opt/ml`];
  for (const key of Object.keys(job.env).sort()) command.push('--env', key);
  if (job.gpus) command.push('--gpus', 'all');
  const [entry, ...entryArgs] = job.entrypoint ?? [];
  if (entry) command.push('--entrypoint', entry);
  command.push(job.image, ...entryArgs, ...job.args);
  return command;
}

/** `docker stop` for the named container (the CLI being killed leaves the container running). */
export function dockerStop(name: string): void {
  spawnSync('docker', ['stop', '--time', '10', name], { stdio: 'ignore', timeout: 30_000 });
}

export function hasGpus(): boolean {
  return spawnSync('nvidia-smi', ['--list-gpus'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** Checked before anything runs: a Docker engine must answer. */
export function requireDockerEngine(): void {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
  if (info.status !== 0) {
    const why = info.error ? info.error.message : (info.stderr || '').trim().split('\n').pop();
    throw new RunError('SMP9508', `--backend docker needs a Docker engine: ${why || 'docker info failed'}`, { hint: 'start Docker, or use --backend process (the default)' });
  }
}
