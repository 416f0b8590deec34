/** `smpipe ARGS` from the TypeScript sources, as bin/smpipe.js runs dist/: for tests that signal a real process. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
