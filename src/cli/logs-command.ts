import { withClients } from '../deploy/clients.js';
import { DeployError } from '../deploy/errors.js';
import { readExecution, type StepRow } from '../deploy/execution.js';
import { formatLine, logsClient, streamLogs } from '../deploy/logs.js';
import { closest } from '../util/suggest.js';
import { UsageError, parse } from './args.js';
import { AWS_OPTIONS, awsOptions } from './aws-flags.js';
import type { AsyncCommand } from './deploy-io.js';
import { HELP } from './help-text.js';
import { POLL_OPTIONS, pollOptions, regionFromArn } from './watch-command.js';

export const logsCommand: AsyncCommand = {
  ...HELP.logs,
  async run(argv, io) {
    const parsed = parse(argv, { ...AWS_OPTIONS, ...POLL_OPTIONS, follow: { type: 'boolean' } });
    const [arn, step, ...extra] = parsed.positionals;
    if (!arn || extra.length) throw new UsageError(`expected EXECUTION_ARN [STEP], got ${parsed.positionals.length} arguments`);
    const aws = { ...awsOptions(parsed), ...regionFromArn(arn, parsed) };
    const poll = pollOptions(parsed);
    await withClients(aws, async (clients) => {
      const logs = await logsClient(aws, clients.region);
      try {
        const steps = async () => {
          const snapshot = await readExecution(clients, arn);
          if (step) checkStep(snapshot.steps, step, snapshot.status);
          return snapshot;
        };
        await streamLogs(logs, clients.region, {
          follow: parsed.values.follow === true, pollMs: poll.initialMs, steps,
          ...(step ? { step } : {}),
          onLines: (lines) => io.out(`${lines.map(formatLine).join('\n')}\n`),
        });
      } finally {
        logs.destroy();
      }
    });
    return 0;
  },
};

/**
 * SMP9035 for a step this execution has not run (yet: with --follow it may still start, so only a
 * finished execution is refused); SMP9036 for a step that runs no job.
 */
function checkStep(steps: StepRow[], name: string, status: string): void {
  const row = steps.find((s) => s.name === name);
  if (!row) {
    if (!['Succeeded', 'Failed', 'Stopped'].includes(status)) return;
    const near = closest(name, steps.map((s) => s.name));
    throw new DeployError('SMP9035', `this execution ran no step ${name}${near ? ` (did you mean ${near}?)` : ''}`, `its steps: ${steps.map((s) => s.name).join(', ') || '(none)'}`);
  }
  if (!row.job && ['Succeeded', 'Failed', 'Stopped'].includes(row.status)) {
    throw new DeployError('SMP9036', `step ${name} runs no job, so it has no job log`, 'callback steps log in their consumer (the labeling bridge: /aws/lambda/<stack>-callback); conditions, lambdas and models have no container');
  }
}
