import { one, parse } from '../args.js';
import { AWS_OPTIONS, awsOptions } from '../aws-flags.js';
import type { AsyncCommand } from '../deploy-io.js';
import { follow, POLL_OPTIONS, pollOptions, regionFromArn } from '../follow.js';
import { DEPLOY_HELP } from '../help/deploy.js';

export const watchCommand: AsyncCommand = {
  ...DEPLOY_HELP.watch,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS });
    const arn = one(parsed, 'EXECUTION_ARN');
    return follow(arn, { ...awsOptions(parsed), ...regionFromArn(arn, parsed) }, pollOptions(parsed), io);
  },
};
