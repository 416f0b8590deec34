import type { Command } from './commands.js';
import { processIo, runCommand, type AsyncCommand } from './deploy-io.js';
import { HELP } from './help-text.js';

/** The AWS commands load on first use: compile and --help never pay for the AWS SDK. */
async function load(name: string): Promise<AsyncCommand> {
  const { ASYNC_COMMANDS } = await import('./deploy-command-list.js');
  return ASYNC_COMMANDS[name] as AsyncCommand;
}

/** The deploy commands in the CLI's Command shape, writing to the process's streams. */
export const DEPLOY_COMMANDS: Record<string, Command> = Object.fromEntries(
  Object.entries(HELP).map(([name, help]) => [name, { ...help, run: async (argv: string[]) => runCommand(name, await load(name), argv, processIo()) }]),
);
