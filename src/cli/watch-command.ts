import { withClients, type AwsOptions } from '../deploy/clients.js';
import { executionConsoleUrl } from '../deploy/links.js';
import type { ExecutionSnapshot } from '../deploy/execution.js';
import { DEFAULT_POLL, succeeded, watchExecution, type PollOptions } from '../deploy/watch.js';
import { UsageError, one, parse, type Parsed } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand, Io } from './deploy-io.js';
import { watchView } from './watch-view.js';
import { HELP } from './help-text.js';

export const POLL_OPTIONS = { 'poll-interval': { type: 'string' } } as const;
export { POLL_FLAG } from './help-text.js';

export const watchCommand: AsyncCommand = {
  ...HELP.watch,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS });
    const arn = one(parsed, 'EXECUTION_ARN');
    return follow(arn, { ...awsOptions(parsed), ...regionFromArn(arn, parsed) }, pollOptions(parsed), io);
  },
};

/** Watches `arn` to its end; the exit status says how it ended. A failed job's last log lines follow the table. */
export async function follow(arn: string, aws: AwsOptions, poll: PollOptions, io: Io): Promise<number> {
  const final = await withClients(aws, async (clients) => {
    io.err(`watching ${arn}\n  console: ${executionConsoleUrl(clients.region, arn)}\n`);
    const snapshot = await watchExecution(clients, arn, { poll, onUpdate: watchView(io) });
    if (!succeeded(snapshot)) await showFailedLogs(snapshot, aws, clients.region, io);
    return snapshot;
  });
  return succeeded(final) ? 0 : 1;
}

export const TAIL_LINES = 20;

/** The last lines of each failed job's log (the CloudWatch Logs client loads only here); unreadable logs are a note. */
async function showFailedLogs(snapshot: ExecutionSnapshot, aws: AwsOptions, region: string, io: Io): Promise<void> {
  const failed = snapshot.steps.filter((s) => s.status === 'Failed' && s.job);
  if (!failed.length) return;
  const { formatLine, logsClient, LOG_GROUPS, tailJobLog } = await import('../deploy/logs.js');
  const client = await logsClient(aws, region);
  try {
    for (const step of failed) {
      const where = `${LOG_GROUPS[step.job!.kind]}, ${step.job!.name}`;
      try {
        const lines = await tailJobLog(client, region, step, TAIL_LINES);
        io.out(lines.length ? `\nlast ${lines.length} lines of ${step.name}'s log (${where}):\n${lines.map((l) => `  ${formatLine(l)}`).join('\n')}\n  (all of it: smpipe logs ${snapshot.arn} ${step.name})\n` : `\n${step.name}'s job wrote no log (${where})\n`);
      } catch (error) {
        io.err(`note: the log of ${step.name} could not be read (${where}): ${(error as Error).message}\n`);
      }
    }
  } finally {
    client.destroy();
  }
}

export function pollOptions(parsed: Parsed): PollOptions {
  const raw = parsed.values['poll-interval'] as string | undefined;
  if (raw === undefined) return DEFAULT_POLL;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--poll-interval must be a positive number of seconds, got ${raw}`);
  return { ...DEFAULT_POLL, initialMs: seconds * 1000, maxMs: Math.max(DEFAULT_POLL.maxMs, seconds * 1000) };
}

/** An execution ARN carries its region; --region still wins. */
export function regionFromArn(arn: string, parsed: Parsed): AwsOptions {
  if (!/^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:pipeline\/[^/]+\/execution\/[^/]+$/.test(arn)) {
    throw new UsageError(`not a pipeline execution ARN: ${arn} (expected arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID)`);
  }
  return parsed.values.region ? {} : { region: arn.split(':')[3] as string };
}
