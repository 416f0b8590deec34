import type { Clients } from '../deploy/clients.js';
import { withClients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { executionConsoleUrl } from '../deploy/links.js';
import { checkParameters, rulesFromSpec, type ParameterValue } from '../deploy/parameters.js';
import { deployedParameterRules, startExecution } from '../deploy/start.js';
import { one, parse, type Parsed } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { compileForDeploy, isSpecPath, SPEC_OPTIONS } from './deploy-spec.js';
import { follow, POLL_OPTIONS, pollOptions } from './watch-command.js';
import { HELP } from './help-text.js';

const START_OPTIONS = {
  ...SPEC_OPTIONS,
  ...AWS_OPTIONS,
  ...POLL_OPTIONS,
  param: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  wait: { type: 'boolean' },
} as const;

export const startCommand: AsyncCommand = {
  ...HELP.start,
  async run(argv, io) {
    const parsed = parse(argv, START_OPTIONS);
    const target = one(parsed, 'SPEC or NAME');
    const params = (parsed.values.param as string[] | undefined) ?? [];
    checkDisplayName(parsed.values['display-name'] as string | undefined);
    const fromSpec = isSpecPath(target) ? specTarget(target, params, parsed, io) : undefined;
    if (fromSpec === null) return 1;
    const started = await withClients(awsOptions(parsed), async (clients) => {
      const pipeline = fromSpec?.pipeline ?? target;
      const parameters = fromSpec?.parameters ?? checkParameters(params, await deployedParameterRules(clients, target));
      return { region: clients.region, arn: await start(clients, pipeline, parameters, parsed) };
    });
    io.out(`started ${started.arn}\n  console: ${executionConsoleUrl(started.region, started.arn)}\n`);
    return parsed.values.wait ? follow(started.arn, { ...awsOptions(parsed), region: started.region }, pollOptions(parsed), io) : 0;
  },
};

/** Compiles the spec and checks the parameters against it; null when the spec has errors. */
function specTarget(path: string, params: string[], parsed: Parsed, io: Io): { pipeline: string; parameters: ParameterValue[] } | null {
  const compiled = compileForDeploy(path, parsed, io);
  if (!compiled.ok) return null;
  const manifest = compiled.result.manifest as NonNullable<typeof compiled.result.manifest>;
  return { pipeline: manifest.pipeline, parameters: checkParameters(params, rulesFromSpec(manifest.parameters ?? {})) };
}

function start(clients: Clients, pipeline: string, parameters: ParameterValue[], parsed: Parsed): Promise<string> {
  const displayName = parsed.values['display-name'] as string | undefined;
  const description = parsed.values.description as string | undefined;
  return startExecution(clients, { pipeline, parameters, ...(displayName ? { displayName } : {}), ...(description ? { description } : {}) });
}

function checkDisplayName(name: string | undefined): void {
  if (name === undefined || /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/.test(name)) return;
  throw new DeployError('SMP9003', `--display-name ${JSON.stringify(name)} is not a valid execution display name`, 'use 1 to 82 letters, digits and hyphens, starting and ending with a letter or digit');
}
