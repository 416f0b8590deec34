/**
 * How a job on this machine finds SageMaker's absolute /opt/ml paths without editing its code.
 *
 * bind (preferred): the job runs in its own user and mount namespaces (`unshare`, no root
 *   needed where the kernel allows unprivileged user namespaces) where the step's root folder is
 *   mounted at /opt/ml. When the host has no /opt/ml, a tmpfs covers /opt inside the namespace
 *   and every host entry of /opt is bound back, so /opt/ml can be created without touching the
 *   host. Every path the job, its defaults or its libraries use resolves as on SageMaker.
 * map (fallback, where namespaces are refused): the job runs on the host; values that start with
 *   /opt/ml in ContainerEntrypoint, ContainerArguments, Environment, hyperparameter arguments and
 *   smpipe's own generated runproc.sh are rewritten to the step root, and SAGEMAKER_BASE_DIR
 *   points the training toolkit logic at it (the toolkit's own switch for running outside
 *   /opt/ml: sagemaker-training-toolkit src/sagemaker_training/environment.py, BASE_PATH_ENV).
 *   Limit: a path the job builds itself (a default like "/opt/ml/processing/output" in its
 *   code) is not mapped, so such a job fails here; give paths as arguments or use bind/docker.
 * SMPIPE_LOCAL_SANDBOX=bind|map forces one (tests cover both).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SandboxMode = 'bind' | 'map';

export const OPT_ML = '/opt/ml';

/** Runs inside the namespaces: $1 = step root, $2 = a folder for the host's /opt, then the command. */
const BIND_SCRIPT = `set -eu
root=$1; hostopt=$2; shift 2
if [ -d /opt/ml ]; then
  mount --bind "$root" /opt/ml
else
  mkdir -p "$hostopt"
  mount --rbind /opt "$hostopt"
  mount -t tmpfs -o mode=755 smpipe-opt /opt
  for entry in "$hostopt"/* "$hostopt"/.[!.]*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    name=\${entry##*/}
    if [ -L "$entry" ]; then cp -P "$entry" "/opt/$name"
    elif [ -d "$entry" ]; then mkdir "/opt/$name"; mount --rbind "$entry" "/opt/$name"
    else : > "/opt/$name"; mount --bind "$entry" "/opt/$name"; fi
  done
  mkdir /opt/ml
  mount --bind "$root" /opt/ml
fi
exec "$@"
`;

export interface Sandbox {
  mode: SandboxMode;
  /** The command that runs `command` with `root` as its /opt/ml. */
  wrap(command: string[], root: string): string[];
  /** A value as the job must see it (paths under /opt/ml mapped in map mode). */
  mapValue(value: string, root: string): string;
}

export function mapOptMl(value: string, root: string): string {
  return value === OPT_ML || value.startsWith(`${OPT_ML}/`) ? root + value.slice(OPT_ML.length) : value;
}

const UNSHARE_USER = ['unshare', '--user', '--map-root-user', '--mount', '--propagation', 'private'];
const UNSHARE_ROOT = ['unshare', '--mount', '--propagation', 'private'];

function bindSandbox(unshare: string[]): Sandbox {
  return {
    mode: 'bind',
    wrap: (command, root) => [...unshare, '/bin/sh', '-c', BIND_SCRIPT, 'smpipe-bind', root, join(root, '..', '.host-opt'), ...command],
    mapValue: (value) => value,
  };
}

export const MAP_SANDBOX: Sandbox = { mode: 'map', wrap: (command) => command, mapValue: mapOptMl };

/** Tries the namespaces for real: a marker in a temporary root must show at /opt/ml/. */
function probe(unshare: string[]): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-probe-'));
  try {
    const root = join(dir, 'root');
    mkdirSync(root);
    writeFileSync(join(root, '.smpipe-probe'), '');
    const command = bindSandbox(unshare).wrap(['test', '-f', '/opt/ml/.smpipe-probe'], root);
    const result = spawnSync(command[0] as string, command.slice(1), { stdio: 'ignore', timeout: 10_000 });
    return result.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let detected: Sandbox | undefined;

export function detectSandbox(env: NodeJS.ProcessEnv = process.env): Sandbox {
  const forced = env.SMPIPE_LOCAL_SANDBOX;
  if (forced === 'map') return MAP_SANDBOX;
  if (detected && forced !== 'bind') return detected;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const candidates = process.platform === 'linux' ? [UNSHARE_USER, ...(isRoot ? [UNSHARE_ROOT] : [])] : [];
  const working = candidates.find(probe);
  if (forced === 'bind' && !working) throw new Error('SMPIPE_LOCAL_SANDBOX=bind, but this machine refuses mount namespaces (unshare)');
  detected = working ? bindSandbox(working) : MAP_SANDBOX;
  return detected;
}
