/**
 * Runs the emulator until SIGINT/SIGTERM (for `make demo` and manual poking):
 *
 *   node --import tsx test/emulator/main.ts [--port 4566] [--region us-east-1] [--account-id 111122223333]
 *        [--duration-ms 20] [--steps steps.json]
 *
 * Prints `endpoint=http://127.0.0.1:PORT` (then region= and account=) once it accepts requests.
 * --steps takes a JSON object of step outcomes by step name ({"Evaluate": {"status": "Succeeded",
 * "outputs": {...}}}); a configured callback step answers itself, so a demo needs no consumer.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';
import type { StepOutcome } from './types.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      'duration-ms': { type: 'string' },
      steps: { type: 'string' },
    },
  });
  const durationMs = values['duration-ms'] === undefined ? undefined : Number(values['duration-ms']);
  const emulator = await startEmulator({
    port: Number(values.port),
    region: values.region,
    accountId: values['account-id'],
    stepDefaults: durationMs === undefined ? undefined : { durationMs },
  });
  if (values.steps) {
    const outcomes = JSON.parse(readFileSync(values.steps, 'utf8')) as Record<string, StepOutcome>;
    for (const [name, outcome] of Object.entries(outcomes)) emulator.configureStep(name, outcome);
  }
  process.stdout.write(`endpoint=${emulator.endpoint}\nregion=${emulator.region}\naccount=${emulator.accountId}\n`);
  const shutdown = (): void => { void emulator.stop().then(() => process.exit(0)); };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
