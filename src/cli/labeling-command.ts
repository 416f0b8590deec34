import type { Command } from './commands.js';
import { processIo, runCommand } from './deploy-io.js';
import { LABELING_DEPLOY_USAGE } from './help-text.js';
import { PREVIEW_USAGE, runPreview } from './labeling-preview.js';
import { UsageError } from './args.js';

/** `smpipe labeling preview|deploy`: the Ground Truth side of ground-truth steps. */
export const labelingCommand: Command = {
  summary: 'Ground Truth: preview a worker UI, deploy the labeling bridge',
  usage: `${PREVIEW_USAGE}\n\n${LABELING_DEPLOY_USAGE}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'preview') return runPreview(rest);
    if (sub === 'deploy') {
      // Loaded on use: the AWS SDK and CloudFormation client stay out of every other command's start.
      const { labelingDeployCommand } = await import('./labeling-deploy.js');
      return runCommand('labeling deploy', labelingDeployCommand, rest, processIo());
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}" (preview or deploy)` : 'name a subcommand: preview or deploy');
  },
};
