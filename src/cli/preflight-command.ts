import { withClients, type AwsOptions } from '../deploy/clients.js';
import { checkParameters, rulesFromDefinition, rulesFromSpec } from '../deploy/parameters.js';
import { preflightErrors, renderPreflight } from '../deploy/preflight/render.js';
import { runPreflight, type PreflightInput } from '../deploy/preflight/run.js';
import { deployedDefinition } from '../deploy/start.js';
import { one, parse } from './args.js';
import { AWS_OPTIONS, awsOptions, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { loadTarget, targetKind, TARGET_OPTIONS } from './deploy-target.js';
import { HELP } from './help-text.js';

export const preflightCommand: AsyncCommand = {
  ...HELP.preflight,
  async run(argv, io) {
    const parsed = parse(argv, { ...TARGET_OPTIONS, ...AWS_OPTIONS, param: { type: 'string', multiple: true } });
    const target = one(parsed, 'SPEC, FOLDER or NAME');
    const params = (parsed.values.param as string[] | undefined) ?? [];
    let aws: AwsOptions = awsOptions(parsed);
    let input: ((clients: Parameters<typeof deployedDefinition>[0]) => Promise<PreflightInput>);
    if (targetKind(target) === 'name') {
      input = async (clients) => {
        const deployed = await deployedDefinition(clients, target);
        return { pipeline: target, definition: deployed.definition, role: deployed.role, parameters: values(checkParameters(params, rulesFromDefinition(deployed.definition))) };
      };
    } else {
      const loaded = loadTarget(target, parsed, io);
      if (!loaded) return 1;
      const { manifest, definition } = loaded.folder;
      const parameters = values(checkParameters(params, rulesFromSpec(manifest.parameters)));
      aws = deployAwsOptions(parsed, loaded.desired);
      input = async () => ({ pipeline: manifest.pipeline, definition, role: manifest.role, artifacts: manifest.artifacts ?? undefined, parameters });
    }
    const report = await withClients(aws, async (clients) => runPreflight(clients, aws, await input(clients)));
    io.out(renderPreflight(report));
    return preflightErrors(report) ? 1 : 0;
  },
};

export function values(parameters: { Name: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(parameters.map((p) => [p.Name, p.Value]));
}
