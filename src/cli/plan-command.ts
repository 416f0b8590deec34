import { withClients } from '../deploy/clients.js';
import { makePlan, planHasChanges } from '../deploy/plan.js';
import { renderPlan } from '../deploy/render-plan.js';
import { one, parse } from './args.js';
import { AWS_OPTIONS, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { loadTarget, TARGET_OPTIONS } from './deploy-target.js';
import { HELP } from './help-text.js';

export const VERIFY_OPTION = { 'verify-assets': { type: 'boolean' } } as const;

export const planCommand: AsyncCommand = {
  ...HELP.plan,
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
