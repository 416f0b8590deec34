import { withClients } from '../../deploy/clients.js';
import { makePlan, planHasChanges } from '../../deploy/plan.js';
import { renderPlan } from '../../views/plan.js';
import { one, parse } from '../args.js';
import { AWS_OPTIONS, deployAwsOptions } from '../aws-flags.js';
import type { AsyncCommand } from '../deploy-io.js';
import { loadTarget, TARGET_OPTIONS, VERIFY_OPTION } from '../deploy-target.js';
import { DEPLOY_HELP } from '../help/deploy.js';

export const planCommand: AsyncCommand = {
  ...DEPLOY_HELP.plan,
  usageExit: 1,
  async run(argv, io) {
    const parsed = parse(argv, { ...TARGET_OPTIONS, ...AWS_OPTIONS, ...VERIFY_OPTION });
    const target = loadTarget(one(parsed, 'SPEC or FOLDER'), parsed, io);
    if (!target) return 1;
    const verifyAssets = parsed.values['verify-assets'] === true;
    const plan = await withClients(deployAwsOptions(parsed, target.desired), (clients) => makePlan(clients, target.desired, { verifyAssets }));
    io.out(renderPlan(plan));
    return planHasChanges(plan) ? 2 : 0;
  },
};
