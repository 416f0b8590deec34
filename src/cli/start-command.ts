import type { Clients } from '../deploy/clients.js';
import { withClients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { executionConsoleUrl } from '../deploy/links.js';
import { refuseSecretValues } from '../deploy/param-secrets.js';
import { checkParameters, rulesFromSpec, type ParameterValue } from '../deploy/parameters.js';
import { deployedParameterRules, startExecution } from '../deploy/start.js';
import { one, parse, type Parsed } from './args.js';
import { AWS_OPTIONS, awsOptions, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { loadTarget, targetKind, TARGET_OPTIONS } from './deploy-target.js';
import { follow, POLL_OPTIONS, pollOptions } from './watch-command.js';
import { HELP } from './help-text.js';

const START_OPTIONS = {
  ...TARGET_OPTIONS,
  ...AWS_OPTIONS,
  ...POLL_OPTIONS,
  param: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  wait: { type: 'boolean' },
} as const;

interface Checked {
  pipeline: string;
  parameters: ParameterValue[];
}

export const startCommand: AsyncCommand = {
  ...HELP.start,
  async run(argv, io) {
    const parsed = parse(argv, START_OPTIONS);
    const target = one(parsed, 'SPEC, FOLDER or NAME');
    const params = (parsed.values.param as string[] | undefined) ?? [];
    checkDisplayName(parsed.values['display-name'] as string | undefined);
    refuseSecrets(params, parsed.values.description as string | undefined);
    const compiled = targetKind(target) === 'name' ? undefined : compiledTarget(target, params, parsed, io);
    if (compiled === null) return 1;
    const aws = compiled ? compiled.aws : awsOptions(parsed);
    const started = await withClients(aws, async (clients) => {
      const checked = compiled?.checked ?? { pipeline: target, parameters: checkParameters(params, await deployedParameterRules(clients, target)) };
      return { region: clients.region, arn: await start(clients, checked, parsed) };
    });
    io.out(`started ${started.arn}\n  console: ${executionConsoleUrl(started.region, started.arn)}\n`);
    return parsed.values.wait ? follow(started.arn, { ...aws, region: started.region }, pollOptions(parsed), io) : 0;
  },
};

/** A spec or compiled folder: parameters checked against its manifest; null when the spec has errors. */
function compiledTarget(path: string, params: string[], parsed: Parsed, io: Io) {
  const loaded = loadTarget(path, parsed, io);
  if (!loaded) return null;
  const manifest = loaded.folder.manifest;
  const checked: Checked = { pipeline: manifest.pipeline, parameters: checkParameters(params, rulesFromSpec(manifest.parameters)) };
  return { checked, aws: deployAwsOptions(parsed, loaded.desired) };
}

/** `--param NAME=VALUE` values and the description, before anything is compiled or sent. */
function refuseSecrets(params: string[], description: string | undefined): void {
  const values = params.map((arg) => {
    const eq = arg.indexOf('=');
    return { what: `--param ${eq > 0 ? arg.slice(0, eq) : arg}`, value: eq > 0 ? arg.slice(eq + 1) : arg };
  });
  refuseSecretValues(description === undefined ? values : [...values, { what: '--description', value: description }]);
}

function start(clients: Clients, checked: Checked, parsed: Parsed): Promise<string> {
  const displayName = parsed.values['display-name'] as string | undefined;
  const description = parsed.values.description as string | undefined;
  return startExecution(clients, { ...checked, ...(displayName ? { displayName } : {}), ...(description ? { description } : {}) });
}

function checkDisplayName(name: string | undefined): void {
  if (name === undefined || /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/.test(name)) return;
  throw new DeployError('SMP9003', `--display-name ${JSON.stringify(name)} is not a valid execution display name`, 'use 1 to 82 letters, digits and hyphens, starting and ending with a letter or digit');
}
