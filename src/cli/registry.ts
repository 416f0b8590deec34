/**
 * The one list of smpipe's commands: name → summary, usage and `run`. A command's code loads when
 * it runs (a dynamic import), so `smpipe --help`, `--version` and `explain` never load the
 * compiler, and `compile` never loads the AWS SDK or the local runner (test/cli/lazy-loading).
 */
import { HELP, type CommandName, type Help } from './help/index.js';
import type { AsyncCommand } from './deploy-io.js';

export interface Command extends Help {
  /** Exit status; commands that talk to AWS resolve it later. */
  run(argv: string[]): number | Promise<number>;
}

/** A command that works on this machine: its module's `run`, errors handled by main. */
function local(name: CommandName, load: () => Promise<{ run(argv: string[]): number | Promise<number> }>): Command {
  return { ...HELP[name], run: async (argv) => (await load()).run(argv) };
}

/** A command that talks to AWS: its errors become codes and hints (deploy-io's runCommand). */
function aws(name: AwsCommandName): Command {
  return {
    ...HELP[name],
    async run(argv) {
      const [{ runCommand }, { processIo }, command] = await Promise.all([import('./deploy-io.js'), import('../views/io.js'), loadAwsCommand(name)]);
      return runCommand(name, command, argv, processIo());
    },
  };
}

const AWS_COMMANDS = {
  plan: async () => (await import('./commands/plan.js')).planCommand,
  upsert: async () => (await import('./commands/upsert.js')).upsertCommand,
  start: async () => (await import('./commands/start.js')).startCommand,
  retry: async () => (await import('./commands/retry.js')).retryCommand,
  logs: async () => (await import('./commands/logs.js')).logsCommand,
  preflight: async () => (await import('./commands/preflight.js')).preflightCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
  executions: async () => (await import('./commands/executions.js')).executionsCommand,
  stop: async () => (await import('./commands/stop.js')).stopCommand,
} satisfies Record<string, () => Promise<AsyncCommand>>;

export type AwsCommandName = keyof typeof AWS_COMMANDS;

/** The code of a command that talks to AWS, as the tests run it in-process with their own Io. */
export function loadAwsCommand(name: AwsCommandName): Promise<AsyncCommand> {
  return AWS_COMMANDS[name]();
}

export const COMMANDS = {
  compile: local('compile', () => import('./commands/compile.js')),
  validate: local('validate', () => import('./commands/validate.js')),
  graph: local('graph', () => import('./commands/graph.js')),
  explain: local('explain', () => import('./commands/explain.js')),
  plan: aws('plan'),
  upsert: aws('upsert'),
  start: aws('start'),
  retry: aws('retry'),
  logs: aws('logs'),
  preflight: aws('preflight'),
  watch: aws('watch'),
  executions: aws('executions'),
  stop: aws('stop'),
  labeling: local('labeling', () => import('./commands/labeling.js')),
  run: local('run', async () => ({ run: (await import('../run/command.js')).runCommand })),
  // A file import never loads the AWS SDK; DescribePipeline loads it when a pipeline name is given.
  import: local('import', async () => ({ run: (await import('../import/command.js')).importCommand })),
  check: local('check', async () => ({ run: (await import('../import/command.js')).checkCommand })),
} satisfies Record<CommandName, Command>;

/** The command called `name`, if there is one (never an Object.prototype key). */
export function commandNamed(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
}
