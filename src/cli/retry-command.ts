import { withClients } from '../deploy/clients.js';
import { executionConsoleUrl } from '../deploy/links.js';
import { retryExecution } from '../deploy/start.js';
import { one, parse } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { HELP } from './help-text.js';
import { follow, POLL_OPTIONS, pollOptions, regionFromArn } from './watch-command.js';

export const retryCommand: AsyncCommand = {
  ...HELP.retry,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS, wait: { type: 'boolean' } });
    const arn = one(parsed, 'EXECUTION_ARN');
    const aws = { ...awsOptions(parsed), ...regionFromArn(arn, parsed) };
    const retried = await withClients(aws, async (clients) => ({ region: clients.region, arn: await retryExecution(clients, arn) }));
    io.out(`retrying ${retried.arn}\n  console: ${executionConsoleUrl(retried.region, retried.arn)}\n`);
    return parsed.values.wait ? follow(retried.arn, aws, pollOptions(parsed), io) : 0;
  },
};
