import type { Command } from './commands.js';
import { detach } from './deploy-io.js';
import { DEPLOY_USAGE, labelingDeployCommand } from './labeling-deploy.js';
import { PREVIEW_USAGE, runPreview } from './labeling-preview.js';
import { UsageError } from './args.js';

/** `smpipe labeling preview|deploy`: the Ground Truth side of ground-truth steps. */
export const labelingCommand: Command = {
  summary: 'Ground Truth: preview a worker UI, deploy the labeling bridge',
  usage: `${PREVIEW_USAGE}\n\n${DEPLOY_USAGE}`,
  run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'preview') return runPreview(rest);
    // AWS calls finish after main() returns: the exit status is set when they do (see detach).
    if (sub === 'deploy') return detach('labeling deploy', labelingDeployCommand, rest);
    throw new UsageError(sub ? `unknown subcommand "${sub}" (preview or deploy)` : 'name a subcommand: preview or deploy');
  },
};
