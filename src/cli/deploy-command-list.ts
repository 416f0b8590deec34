import type { AsyncCommand } from './deploy-io.js';
import { executionsCommand, stopCommand } from './executions-command.js';
import { logsCommand } from './logs-command.js';
import { preflightCommand } from './preflight-command.js';
import { retryCommand } from './retry-command.js';
import { planCommand } from './plan-command.js';
import { startCommand } from './start-command.js';
import { upsertCommand } from './upsert-command.js';
import { watchCommand } from './watch-command.js';

/** The commands that talk to AWS (src/deploy), in the order the README lists them. */
export const ASYNC_COMMANDS: Record<string, AsyncCommand> = {
  plan: planCommand,
  upsert: upsertCommand,
  start: startCommand,
  retry: retryCommand,
  logs: logsCommand,
  preflight: preflightCommand,
  watch: watchCommand,
  executions: executionsCommand,
  stop: stopCommand,
};
