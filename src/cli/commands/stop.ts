import { withClients } from '../../deploy/clients.js';
import { stopExecution } from '../../deploy/executions.js';
import { one, parse } from '../args.js';
import { AWS_OPTIONS, awsOptions } from '../aws-flags.js';
import type { AsyncCommand } from '../deploy-io.js';
import { follow, POLL_OPTIONS, pollOptions, regionFromArn } from '../follow.js';
import { DEPLOY_HELP } from '../help/deploy.js';

export const stopCommand: AsyncCommand = {
  ...DEPLOY_HELP.stop,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS, wait: { type: 'boolean' } });
    const arn = one(parsed, 'EXECUTION_ARN');
    const aws = { ...awsOptions(parsed), ...regionFromArn(arn, parsed) };
    await withClients(aws, (clients) => stopExecution(clients, arn));
    io.err(`stopping ${arn}\n`);
    return parsed.values.wait ? follow(arn, aws, pollOptions(parsed), io) : 0;
  },
};
