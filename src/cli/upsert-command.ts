import { withClients, type AwsOptions, type Clients } from '../deploy/clients.js';
import type { Plan } from '../deploy/plan.js';
import { pipelineConsoleUrl, studioHint } from '../deploy/links.js';
import { OpenUploads } from '../deploy/open-uploads.js';
import { upsert, type UpsertResult } from '../deploy/upsert.js';
import { UsageError, one, parse } from './args.js';
import { AWS_OPTIONS, deployAwsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { interruptible } from './deploy-signals.js';
import { loadTarget, TARGET_OPTIONS, type Target } from './deploy-target.js';
import { VERIFY_OPTION } from './plan-command.js';
import { uploadView } from './upload-view.js';
import { HELP } from './help-text.js';
import { preflightGate, PREFLIGHT_OPTION } from './preflight-gate.js';

export const upsertCommand: AsyncCommand = {
  ...HELP.upsert,
  async run(argv, io) {
    const parsed = parse(argv, { ...TARGET_OPTIONS, ...AWS_OPTIONS, ...VERIFY_OPTION, ...PREFLIGHT_OPTION });
    const target = loadTarget(one(parsed, 'SPEC or FOLDER'), parsed, io);
    if (!target) return 1;
    const open = new OpenUploads();
    const aws = deployAwsOptions(parsed, target.desired);
    const options = { events: uploadView(io), open, verifyAssets: parsed.values['verify-assets'] === true, ...staleAfter(process.env) };
    const done = await withClients(aws, (clients) =>
      interruptible(open, io, async () => ({ region: clients.region, result: await upsert(clients, target.desired, { ...options, beforeWrite: preflightFor(clients, aws, target, parsed.values['no-preflight'] === true, io) }) })));
    report(done.result, done.region, io);
    return 0;
  },
};

/**
 * Preflight when the pipeline is about to be created or changed: an unchanged upsert stays two
 * requests, and a new definition is checked before its assets are uploaded.
 */
function preflightFor(clients: Clients, aws: AwsOptions, target: Target, skip: boolean, io: Io): (plan: Plan) => Promise<void> {
  return async (plan) => {
    if (skip || plan.action === 'none') return;
    const { manifest, definition } = target.folder;
    await preflightGate(clients, aws, { pipeline: manifest.pipeline, definition, role: manifest.role, artifacts: manifest.artifacts ?? undefined }, io, 'nothing was uploaded and the pipeline was not changed');
  };
}

/** SMPIPE_STALE_UPLOAD_MINUTES: how long an upload must be idle before upsert aborts it as abandoned. */
function staleAfter(env: NodeJS.ProcessEnv): { staleAfterMs?: number } {
  const raw = env.SMPIPE_STALE_UPLOAD_MINUTES;
  if (raw === undefined || raw === '') return {};
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) throw new UsageError(`SMPIPE_STALE_UPLOAD_MINUTES must be a number of minutes, got ${raw}`);
  return { staleAfterMs: minutes * 60_000 };
}

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
