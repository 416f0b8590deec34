import { withClients } from '../deploy/clients.js';
import { makePlan, planHasChanges } from '../deploy/plan.js';
import { renderPlan } from '../deploy/render-plan.js';
import { one, parse } from './args.js';
import { AWS_FLAGS, AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { compileForDeploy, SPEC_FLAGS, SPEC_OPTIONS } from './deploy-spec.js';

export const planCommand: AsyncCommand = {
  summary: 'show what upsert would change: steps, settings, tags, uploads',
  usage: `smpipe plan SPEC [--vars FILE] [--set KEY=VALUE]... [--profile NAME] [--region REGION]

Compiles SPEC, reads the deployed pipeline (DescribePipeline, ListTags) and the assets' S3
objects (HeadObject), and prints the differences: steps added, removed and changed (with
each changed field as a path, old → new), pipeline settings, tags and the uploads upsert
would make. Writes nothing. Exit status: 0 nothing to do, 2 changes, 1 error.

${SPEC_FLAGS}
${AWS_FLAGS}`,
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
