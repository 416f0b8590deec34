import type { AwsOptions, Clients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { preflightErrors, renderPreflight } from '../deploy/preflight/render.js';
import { runPreflight, type PreflightInput } from '../deploy/preflight/run.js';
import type { Io } from './deploy-io.js';

export const PREFLIGHT_OPTION = { 'no-preflight': { type: 'boolean' } } as const;

/**
 * Preflight before upsert writes or start starts: the report goes to stderr; an error finding
 * stops the command with that finding's code (the others are listed above it).
 */
export async function preflightGate(clients: Clients, aws: AwsOptions, input: PreflightInput, io: Io, stopped: string): Promise<void> {
  const report = await runPreflight(clients, aws, input);
  io.err(renderPreflight(report, false));
  const errors = preflightErrors(report);
  const first = report.findings.find((f) => f.severity === 'error');
  if (!errors || !first) return;
  throw new DeployError(first.code, `preflight found ${errors} error${errors === 1 ? '' : 's'} (listed above): ${stopped}`, 'fix them and run again, or pass --no-preflight to skip the checks');
}
