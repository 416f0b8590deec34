import { withClients } from '../deploy/clients.js';
import { listExecutions, stopExecution, withSteps } from '../deploy/executions.js';
import { renderExecutions } from '../deploy/render-steps.js';
import { UsageError, one, parse } from './args.js';
import { AWS_OPTIONS, awsOptions, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { loadTarget, targetKind, TARGET_OPTIONS } from './deploy-target.js';
import { follow, POLL_OPTIONS, pollOptions, regionFromArn } from './watch-command.js';
import { HELP } from './help-text.js';

export const executionsCommand: AsyncCommand = {
  ...HELP.executions,
  async run(argv, io) {
    const parsed = parse(argv, { ...TARGET_OPTIONS, ...AWS_OPTIONS, limit: { type: 'string' } });
    const target = one(parsed, 'SPEC, FOLDER or NAME');
    const limit = Number(parsed.values.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError(`--limit must be a whole number from 1 to 100, got ${parsed.values.limit}`);
    let pipeline = target;
    let aws = awsOptions(parsed);
    if (targetKind(target) !== 'name') {
      const loaded = loadTarget(target, parsed, io);
      if (!loaded) return 1;
      pipeline = loaded.desired.name;
      aws = deployAwsOptions(parsed, loaded.desired);
    }
    const executions = await withClients(aws, async (clients) => withSteps(clients, await listExecutions(clients, pipeline, limit)));
    if (!executions.length) io.err(`pipeline ${pipeline} has no executions\n`);
    else io.out(`${renderExecutions(executions).join('\n')}\n`);
    return 0;
  },
};

export const stopCommand: AsyncCommand = {
  ...HELP.stop,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS, wait: { type: 'boolean' } });
    const arn = one(parsed, 'EXECUTION_ARN');
    const aws = { ...awsOptions(parsed), ...regionFromArn(arn, parsed) };
    await withClients(aws, (clients) => stopExecution(clients, arn));
    io.err(`stopping ${arn}\n`);
    return parsed.values.wait ? follow(arn, aws, pollOptions(parsed), io) : 0;
  },
};
