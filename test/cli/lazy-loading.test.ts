/**
 * Issue 11, "Speed": `--version`, `help` and `explain` never load the compiler, and `compile`
 * never loads the AWS SDK, the deploy commands or the local runner. Proved twice: by the modules a
 * real process loads (the unbundled build, SMPIPE_BUNDLE=off, every module recorded), and for the
 * bundle by what its entry and the compile command reach without a dynamic import (esbuild's
 * metafile: a module reached only through import() is evaluated only when that import runs).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Metafile } from 'esbuild';
import { bundleCli } from '../../scripts/bundle-cli.js';
import { runCommand } from '../helpers/run.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDER = join(ROOT, 'test/cli/record-modules.mjs');
const FLAGSHIP = ['pipeline-specs/llama3-dpo.yaml', '--vars', 'pipeline-specs/vars/example.yaml'];

/** The compiler's rooms and the packages only it (or deploy) uses. */
const COMPILER = /^(src\/(compile|spec|steps|check|expr|assets|render|deploy|run)\/|node_modules\/(yaml|handlebars|ajv|fflate|ignore|@aws-sdk)\/)/;
/** What compile itself must not load: AWS and the runner. */
const NOT_FOR_COMPILE = /^(src\/(deploy|run)\/|src\/cli\/commands\/(?!compile\.[jt]s$)|node_modules\/@aws-sdk\/)/;

let tmp: string;
before(() => {
  assert.ok(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'dist/ is not built: run `make dist/.built` (make test does) first');
  tmp = mkdtempSync(join(tmpdir(), 'smpipe-lazy-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;
/** The modules `smpipe ...args` loads, unbundled, as paths relative to the checkout (dist/ left off). */
async function loadedBy(args: string[]): Promise<string[]> {
  runs += 1;
  const log = join(tmp, `modules-${runs}.txt`);
  const env = { SMPIPE_BUNDLE: 'off', SMPIPE_TEST_MODULE_LOG: log, SMPIPE_CACHE_DIR: join(tmp, 'cache') };
  const out = args[0] === 'compile' && !args.includes('--help') ? ['--out', join(tmp, 'out')] : [];
  const result = await runCommand(process.execPath, ['--import', RECORDER, join(ROOT, 'bin/smpipe.js'), ...args, ...out], { cwd: ROOT, env });
  assert.ok(result.status === 0 || (args.length === 0 && result.status === 2), `smpipe ${args.join(' ')}: ${result.stderr}`);
  const paths = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return [...new Set(paths.map((p) => relative(ROOT, p).replace(/^dist\//, '')))];
}

for (const args of [['--version'], ['help'], [], ['explain'], ['explain', 'SMP3002'], ['compile', '--help'], ['upsert', '--help']]) {
  test(`smpipe ${args.join(' ') || '(no arguments)'} loads no compiler, deploy or runner module`, async () => {
    const loaded = await loadedBy(args);
    assert.ok(loaded.includes('src/cli/main.js'), `the probe sees the CLI's modules: ${loaded.join(', ')}`);
    assert.deepEqual(loaded.filter((p) => COMPILER.test(p)), []);
  });
}

test('smpipe compile loads the compiler, and no AWS SDK, deploy command or runner module', async () => {
  const loaded = await loadedBy(['compile', ...FLAGSHIP]);
  assert.ok(loaded.includes('src/compile/compile.js') && loaded.some((p) => p.startsWith('node_modules/yaml/')), 'the probe sees the compiler');
  assert.deepEqual(loaded.filter((p) => NOT_FOR_COMPILE.test(p)), []);
});

/** Inputs of the bundle reached from `from` without a dynamic import (a require counts as eager). */
function eagerFrom(metafile: Metafile, from: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of metafile.inputs[path]?.imports ?? []) {
      if (i.kind === 'dynamic-import') continue;
      if (i.external) seen.add(i.path);
      else visit(i.path);
    }
  };
  visit(from);
  return [...seen];
}

test('in the bundle, the entry reaches no compiler module and compile no AWS, deploy or runner module without an import()', async () => {
  const { metafile } = await bundleCli();
  const entry = eagerFrom(metafile, 'src/cli/bundle-entry.ts');
  assert.ok(entry.includes('src/cli/registry.ts'), entry.join(', '));
  assert.deepEqual(entry.filter((p) => COMPILER.test(p)), []);
  const explain = eagerFrom(metafile, 'src/cli/commands/explain.ts');
  assert.deepEqual(explain.filter((p) => COMPILER.test(p)), []);
  const compile = eagerFrom(metafile, 'src/cli/commands/compile.ts');
  assert.ok(compile.includes('src/compile/compile.ts'), 'the walk follows static imports');
  assert.deepEqual(compile.filter((p) => NOT_FOR_COMPILE.test(p) || p.startsWith('@aws-sdk/')), []);
});
