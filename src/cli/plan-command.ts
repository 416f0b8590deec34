import { withClients } from '../deploy/clients.js';
import { makePlan, planHasChanges } from '../deploy/plan.js';
import { renderPlan } from '../deploy/render-plan.js';
import { one, parse } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { compileForDeploy, SPEC_OPTIONS } from './deploy-spec.js';
import { HELP } from './help-text.js';

export const planCommand: AsyncCommand = {
  ...HELP.plan,
  usageExit: 1,
  async run(argv, io) {
    const parsed = parse(argv, { ...SPEC_OPTIONS, ...AWS_OPTIONS });
    const compiled = compileForDeploy(one(parsed, 'SPEC'), parsed, io);
    if (!compiled.ok) return 1;
    const plan = await withClients(awsOptions(parsed), (clients) => makePlan(clients, compiled.desired));
    io.out(renderPlan(plan));
    return planHasChanges(plan) ? 2 : 0;
  },
};
