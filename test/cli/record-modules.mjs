// Preload (node --import) for test/cli/lazy-loading.test.ts: at exit, appends to the file named by
// SMPIPE_TEST_MODULE_LOG every module this process loaded: ESM through a loader hook, CommonJS from
// require.cache (which also holds CommonJS modules that ESM imported).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.SMPIPE_TEST_MODULE_LOG;
if (log) {
  register(new URL('./record-hooks.mjs', import.meta.url), { data: { log } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(log, Object.keys(cache).map((path) => `${path}\n`).join('')));
}
