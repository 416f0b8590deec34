import type { Clients } from '../deploy/clients.js';
import { withClients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { executionId } from '../deploy/execution.js';
import { executionConsoleUrl } from '../deploy/links.js';
import { refuseSecretValues } from '../deploy/param-secrets.js';
import { checkParameters, rulesFromDefinition, rulesFromSpec, type ParameterValue } from '../deploy/parameters.js';
import type { PreflightInput } from '../deploy/preflight/run.js';
import { referenceExecution, selectFrom } from '../deploy/selection.js';
import { deployedDefinition, startExecution, type DeployedDefinition, type StartRequest } from '../deploy/start.js';
import { UsageError, one, parse, type Parsed } from './args.js';
import { AWS_OPTIONS, awsOptions, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { loadTarget, targetKind, TARGET_OPTIONS, type Target } from './deploy-target.js';
import { preflightGate, PREFLIGHT_OPTION } from './preflight-gate.js';
import { values } from './preflight-command.js';
import { follow, POLL_OPTIONS, pollOptions } from './watch-command.js';
import { HELP } from './help-text.js';

const START_OPTIONS = {
  ...TARGET_OPTIONS,
  ...AWS_OPTIONS,
  ...POLL_OPTIONS,
  ...PREFLIGHT_OPTION,
  param: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  wait: { type: 'boolean' },
  from: { type: 'string', multiple: true },
  reference: { type: 'string' },
  version: { type: 'string' },
} as const;

/** What start was asked for beyond the parameters: --from, --reference, --version. */
interface Rerun {
  from: string[];
  reference?: string;
  version?: number;
}

export const startCommand: AsyncCommand = {
  ...HELP.start,
  async run(argv, io) {
    const parsed = parse(argv, START_OPTIONS);
    const target = one(parsed, 'SPEC, FOLDER or NAME');
    const params = (parsed.values.param as string[] | undefined) ?? [];
    checkDisplayName(parsed.values['display-name'] as string | undefined);
    refuseSecrets(params, parsed.values.description as string | undefined);
    const rerun = rerunOptions(parsed);
    const compiled = targetKind(target) === 'name' ? undefined : loadTarget(target, parsed, io);
    if (compiled === null) return 1;
    // Today's checks before any AWS call, against the folder's manifest; --version checks against that version instead.
    const early = compiled && rerun.version === undefined ? checkParameters(params, rulesFromSpec(compiled.folder.manifest.parameters)) : undefined;
    const aws = compiled ? deployAwsOptions(parsed, compiled.desired) : awsOptions(parsed);
    const pipeline = compiled?.desired.name ?? target;
    const started = await withClients(aws, async (clients) => {
      const deployed = !compiled || rerun.version !== undefined || rerun.from.length ? await deployedDefinition(clients, pipeline, rerun.version) : undefined;
      const parameters = early ?? checkParameters(params, rulesFromDefinition((deployed as DeployedDefinition).definition));
      const selective = rerun.from.length ? await selection(clients, pipeline, deployed as DeployedDefinition, rerun) : undefined;
      if (parsed.values['no-preflight'] !== true) {
        await preflightGate(clients, aws, preflightInput(pipeline, compiled, deployed, parameters, selective?.steps), io, 'no execution was started');
      }
      const arn = await startExecution(clients, request(pipeline, parameters, parsed, rerun, selective));
      return { region: clients.region, arn, selective };
    });
    io.out(`started ${started.arn}\n  console: ${executionConsoleUrl(started.region, started.arn)}\n`);
    if (started.selective) io.out(`  runs ${started.selective.steps.join(', ')}; the steps they read are reused from ${executionId(started.selective.source)}\n`);
    return parsed.values.wait ? follow(started.arn, { ...aws, region: started.region }, pollOptions(parsed), io) : 0;
  },
};

function rerunOptions(parsed: Parsed): Rerun {
  const from = (parsed.values.from as string[] | undefined) ?? [];
  const reference = parsed.values.reference as string | undefined;
  const raw = parsed.values.version as string | undefined;
  if (reference !== undefined && !from.length) throw new UsageError('--reference applies to --from: it names the execution whose steps are reused');
  const version = raw === undefined ? undefined : Number(raw);
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new UsageError(`--version must be a pipeline version number (1, 2, …), got ${raw}`);
  return { from, ...(reference !== undefined ? { reference } : {}), ...(version !== undefined ? { version } : {}) };
}

async function selection(clients: Clients, pipeline: string, deployed: DeployedDefinition, rerun: Rerun): Promise<{ steps: string[]; source: string }> {
  const steps = selectFrom(deployed.definition, rerun.from);
  return { steps, source: await referenceExecution(clients, pipeline, rerun.reference) };
}

/** What preflight looks at: the folder (or the deployed version) and, for --from, only the steps that run. */
function preflightInput(pipeline: string, compiled: Target | undefined, deployed: DeployedDefinition | undefined, parameters: ParameterValue[], steps?: string[]): PreflightInput {
  const fromFolder = compiled && !deployed;
  const manifest = compiled?.folder.manifest;
  return {
    pipeline,
    definition: fromFolder ? compiled.folder.definition : (deployed as DeployedDefinition).definition,
    role: manifest?.role ?? deployed?.role,
    artifacts: manifest?.artifacts ?? undefined,
    parameters: values(parameters),
    ...(steps ? { steps } : {}),
  };
}

function request(pipeline: string, parameters: ParameterValue[], parsed: Parsed, rerun: Rerun, selective: StartRequest['selective']): StartRequest {
  const displayName = parsed.values['display-name'] as string | undefined;
  const description = parsed.values.description as string | undefined;
  return {
    pipeline, parameters,
    ...(displayName ? { displayName } : {}),
    ...(description ? { description } : {}),
    ...(rerun.version !== undefined ? { versionId: rerun.version } : {}),
    ...(selective ? { selective } : {}),
  };
}

/** `--param NAME=VALUE` values and the description, before anything is compiled or sent. */
function refuseSecrets(params: string[], description: string | undefined): void {
  const values = params.map((arg) => {
    const eq = arg.indexOf('=');
    return { what: `--param ${eq > 0 ? arg.slice(0, eq) : arg}`, value: eq > 0 ? arg.slice(eq + 1) : arg };
  });
  refuseSecretValues(description === undefined ? values : [...values, { what: '--description', value: description }]);
}

function checkDisplayName(name: string | undefined): void {
  if (name === undefined || /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/.test(name)) return;
  throw new DeployError('SMP9003', `--display-name ${JSON.stringify(name)} is not a valid execution display name`, 'use 1 to 82 letters, digits and hyphens, starting and ending with a letter or digit');
}
