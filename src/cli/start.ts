/**
 * How bin/smpipe.js starts the CLI (through dist/cli/start.cjs, this module bundled for a
 * CommonJS start: no ES module loader to set up). With the bundle (dist/cli/smpipe.cjs, scripts/bundle-cli.ts)
 * it compiles that one file with V8's code cache: the bytecode of every function an earlier run of
 * the same command compiled, so this run parses and compiles almost nothing. Without a bundle
 * (or with SMPIPE_BUNDLE=off, for stack traces into the modules) it imports dist/src/cli/main.js.
 *
 * The cache (one file per command, bundle build and Node version, in util/cache-dir.ts's private
 * folder) is written when a run found none, or found one V8 rejected (another V8 or other flags:
 * V8 checks its version, flags and the source's length before it uses a byte). A run of the
 * command writes it after the command, so it holds what the command compiled, not only the
 * start-up code. Node 22's module.enableCompileCache() saves code right after compiling, before
 * anything lazy has compiled, so it would hold much less; and Node 20 has no such switch.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { cacheDir } from '../util/cache-dir.js';

/** What the bundle exports (src/cli/bundle-entry.ts). */
interface Bundle {
  main(argv: string[]): Promise<number>;
  commandNamed(name: string): unknown;
  /** util/build-identity.ts: caches of smpipe's own results key on it. */
  setBuildIdentity(id: string): void;
}

export const BUNDLE = fileURLToPath(new URL('../../cli/smpipe.cjs', import.meta.url));
const BUILD_LINE = /^\/\/ smpipe bundle ([0-9a-f]{64})\n/;
/** Code cache files kept (the most recently used): a few commands × Node versions × checkouts. */
export const KEEP_CACHES = 64;

/** Runs the CLI with `argv`; resolves to the exit status. */
export async function start(argv: string[], bundle = BUNDLE, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const source = env.SMPIPE_BUNDLE === 'off' ? undefined : readBundle(bundle);
  const build = source && BUILD_LINE.exec(source)?.[1];
  // A dynamic import inside a vm.Script (a Lambda step's handler file in `smpipe run`) needs
  // Node's loader hook for scripts: Node 20.12 and later; before, the bundle is required plainly.
  const importHook = (vm.constants as Partial<typeof vm.constants> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!source || !build) return unbundled(argv);
  if (!importHook) return run(createRequire(bundle)(bundle) as Bundle, build, argv);
  const dir = cacheDir(env);
  const key = commandKey(argv);
  const file = dir && join(dir, `code-${build.slice(0, 16)}-${process.version}-${process.arch}-${flagsId(env)}-${key}.v8`);
  const cached = file ? readCache(file) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cached ? { cachedData: cached } : {}),
    importModuleDynamically: importHook,
  });
  const module = { exports: {} as Bundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const status = await run(module.exports, build, argv);
  if (file && dir && (!cached || script.cachedDataRejected) && (key === 'main' || module.exports.commandNamed(key))) saveCache(dir, file, script.createCachedData());
  return status;
}

/**
 * dist/src/cli/main.js, named from this module's own place: this module runs as tsc wrote it and
 * as dist/cli/start.cjs (bin/smpipe.js's), and main.js must stay out of the latter.
 */
async function unbundled(argv: string[]): Promise<number> {
  const main = (await import(new URL('./main.js', import.meta.url).href)) as { main(argv: string[]): Promise<number> };
  return main.main(argv);
}

function run(bundle: Bundle, build: string, argv: string[]): Promise<number> {
  bundle.setBuildIdentity(build);
  return bundle.main(argv);
}

/** The bundle's text, or undefined when there is none (a checkout built with tsc only). */
function readBundle(path: string): string | undefined {
  try {
    // latin1: the bundle is ASCII (bundle-cli.ts checks), and this is Node's fastest decoding.
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

/**
 * Which cache a run uses: the command's name when it runs a command, else "main" (help, the
 * version, a mistake). `smpipe compile --help` is "main": it compiles nothing of compile's.
 */
export function commandKey(argv: readonly string[]): string {
  const [name] = argv;
  if (!name || !/^[a-z]{1,32}$/.test(name) || name === 'help' || argv.includes('--help') || argv.includes('-h')) return 'main';
  return name;
}

/**
 * V8 rejects a cache made under other flags (--cpu-prof, --max-old-space-size…); one file per set
 * of flags keeps runs with and without them from overwriting each other's cache.
 */
function flagsId(env: NodeJS.ProcessEnv): string {
  const flags = `${process.execArgv.join(' ')}\n${env.NODE_OPTIONS ?? ''}`;
  return flags === '\n' ? 'default' : createHash('sha256').update(flags).digest('hex').slice(0, 8);
}

function readCache(file: string): Buffer | undefined {
  try {
    const data = readFileSync(file);
    const now = new Date();
    utimesSync(file, now, now); // recently used: kept by pruning
    return data;
  } catch {
    return undefined;
  }
}

/** Written whole (a temporary file renamed into place) or not at all; a full disk only costs speed. */
function saveCache(dir: string, file: string, data: Buffer): void {
  const part = `${file}.${process.pid}.part`;
  try {
    writeFileSync(part, data, { mode: 0o600 });
    renameSync(part, file);
    prune(dir);
  } catch {
    try {
      unlinkSync(part);
    } catch { /* never written */ }
  }
}

/** Keeps the KEEP_CACHES most recently used code caches: old builds' and Node versions' go. */
function prune(dir: string): void {
  const caches = readdirSync(dir)
    .filter((name) => /^code-.*\.v8$/.test(name))
    .flatMap((name) => {
      try {
        return [{ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.used - a.used);
  for (const old of caches.slice(KEEP_CACHES)) {
    try {
      unlinkSync(old.path);
    } catch { /* another process pruned it */ }
  }
}
