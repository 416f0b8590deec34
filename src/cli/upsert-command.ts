import { withClients } from '../deploy/clients.js';
import { pipelineConsoleUrl, studioHint } from '../deploy/links.js';
import { upsert, type UpsertResult } from '../deploy/upsert.js';
import { one, parse } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { compileForDeploy, SPEC_OPTIONS } from './deploy-spec.js';
import { uploadView } from './upload-view.js';
import { HELP } from './help-text.js';

export const upsertCommand: AsyncCommand = {
  ...HELP.upsert,
  async run(argv, io) {
    const parsed = parse(argv, { ...SPEC_OPTIONS, ...AWS_OPTIONS });
    const compiled = compileForDeploy(one(parsed, 'SPEC'), parsed, io);
    if (!compiled.ok) return 1;
    const done = await withClients(awsOptions(parsed), async (clients) => ({
      region: clients.region,
      result: await upsert(clients, compiled.desired, { events: uploadView(io) }),
    }));
    report(done.result, done.region, io);
    return 0;
  },
};

function report(result: UpsertResult, region: string, io: Io): void {
  const { plan } = result;
  const present = plan.assets.length - result.uploaded.length;
  if (present) io.err(`${present} object${present === 1 ? '' : 's'} already in S3\n`);
  const verb = plan.action === 'create' ? 'created' : plan.action === 'update' ? 'updated' : 'unchanged';
  const steps = plan.action === 'update' ? ` (${stepSummary(result)})` : '';
  const tags = result.tagsChanged ? ', tags updated' : '';
  io.out(`${verb} pipeline ${plan.pipeline}${steps}${tags}\n  arn:     ${result.arn}\n  console: ${pipelineConsoleUrl(region, plan.pipeline)}\n  studio:  ${studioHint(plan.pipeline)}\n`);
}

function stepSummary(result: UpsertResult): string {
  const steps = result.plan.steps;
  if (!steps.length) return result.plan.definitionChanged ? 'parameters or settings changed' : 'settings changed';
  const names = (kind: string) => steps.filter((s) => s.change === kind).map((s) => s.name);
  const parts = (['added', 'removed', 'changed'] as const).flatMap((kind) => (names(kind).length ? [`${kind} ${names(kind).join(', ')}`] : []));
  return parts.join('; ');
}
