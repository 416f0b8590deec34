import { UsageError } from '../args.js';

/** `smpipe labeling preview|deploy`: the Ground Truth side of ground-truth steps. */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'preview') return (await import('../labeling-preview.js')).runPreview(rest);
  if (sub === 'deploy') {
    // Loaded on use: the AWS SDK and CloudFormation client stay out of every other command's start.
    const [{ runCommand }, { processIo }, { labelingDeployCommand }] = await Promise.all([import('../deploy-io.js'), import('../../views/io.js'), import('./labeling-deploy.js')]);
    return runCommand('labeling deploy', labelingDeployCommand, rest, processIo());
  }
  throw new UsageError(sub ? `unknown subcommand "${sub}" (preview or deploy)` : 'name a subcommand: preview or deploy');
}
