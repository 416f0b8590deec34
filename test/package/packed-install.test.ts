/**
 * Issue #11 item 6: smpipe is a real npm package. `npm pack` (its prepack builds dist/) gives a
 * tarball that installs into an empty folder, and the installed `smpipe` binary compiles the
 * flagship, templates, DLC tables, schemas and code archives included. Dependencies come from
 * npm's cache (filled by the `npm ci` that installed this checkout), the registry only for a miss.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { runCommand } from '../helpers/run.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(join(tmpdir(), 'smpipe-pack-install-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; output: string }> {
  const result = await runCommand(command, args, { cwd, env: { npm_config_update_notifier: 'false', ...env }, timeoutMs: 300_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

test('npm pack, install the tarball in an empty folder, compile the flagship with the installed smpipe', async () => {
  const dest = join(tmp, 'dest');
  mkdirSync(dest);
  const packed = await run('npm', ['pack', '--pack-destination', dest, '--loglevel=error'], ROOT);
  assert.equal(packed.status, 0, packed.output);
  const [tarball] = readdirSync(dest).filter((n) => n.endsWith('.tgz'));
  assert.ok(tarball, `a tarball in ${dest}`);

  const app = join(tmp, 'app');
  mkdirSync(app);
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', join(dest, tarball)], app);
  assert.equal(installed.status, 0, installed.output);
  const pkg = join(app, 'node_modules/smpipe');
  assert.ok(existsSync(join(pkg, 'dist/src/cli/main.js')), 'dist/ is in the package');
  assert.ok(!existsSync(join(pkg, 'test')) && !existsSync(join(pkg, 'src')), 'tests and TypeScript sources are not');
  const declared = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(declared.dependencies)) assert.ok(existsSync(join(app, 'node_modules', name, 'package.json')), `${name} installed`);

  // A project of its own (a git work tree, so the specs may pack ../containers).
  const project = join(tmp, 'project');
  mkdirSync(join(project, '.git'), { recursive: true });
  cpSync(join(ROOT, 'pipeline-specs'), join(project, 'pipeline-specs'), { recursive: true });
  cpSync(join(ROOT, 'containers'), join(project, 'containers'), { recursive: true, verbatimSymlinks: true });
  const smpipe = join(app, 'node_modules/.bin/smpipe');
  const version = await run(smpipe, ['--version'], project);
  assert.equal(version.status, 0, version.output);
  // The installed binary runs the bundle: a compile leaves its V8 code cache, and a second one uses it.
  assert.ok(existsSync(join(pkg, 'dist/cli/smpipe.cjs')), 'the CLI bundle is in the package');
  const cache = join(tmp, 'cache');
  const compile = () => run(smpipe, ['compile', 'pipeline-specs/llama3-dpo.yaml', '--vars', 'pipeline-specs/vars/example.yaml', '--out', 'out'], project, { SMPIPE_CACHE_DIR: cache });
  const compiled = await compile();
  assert.equal(compiled.status, 0, compiled.output);
  assert.equal(readdirSync(cache).filter((n) => /^code-.*-compile\.v8$/.test(n)).length, 1, `a code cache for compile in ${readdirSync(cache).join(', ')}`);
  assert.equal((await compile()).status, 0);
  const manifest = JSON.parse(readFileSync(join(project, 'out/manifest.json'), 'utf8')) as { assets: { file: string; name: string }[] };
  assert.ok(manifest.assets.some((a) => a.name === 'sourcedir.tar.gz'), 'code archives');
  assert.ok(manifest.assets.some((a) => a.name === 'worker-ui.liquid.html'), 'the built-in worker UI template');
  for (const asset of manifest.assets) assert.ok(existsSync(join(project, 'out', asset.file)), asset.file);
});
