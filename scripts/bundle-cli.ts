/**
 * The CLI as one CommonJS file, dist/cli/smpipe.cjs (esbuild), which bin/smpipe.js runs through
 * src/cli/start.ts (bundled apart, dist/cli/start.cjs) with a V8 code cache. One file instead of ~300 modules: no module resolution
 * and one compile at start; with the code cache, not even that (issue 11, "Speed").
 *
 *   node --import tsx scripts/bundle-cli.ts      (make dist/.built runs it after tsc)
 *
 * What the bundle holds: src/ and the packages the compiler uses (yaml, handlebars, ajv, fflate,
 * ignore) and the precompiled validators. Left out: the AWS SDK, required from node_modules by
 * the commands that talk to AWS. A command's modules stay lazy, as in the sources: esbuild
 * evaluates a dynamically imported module only when the import runs (test/cli/lazy-loading).
 *
 * Rewrites made on the way in (sources unchanged):
 * - `import.meta.url` names the module's own file in dist/src (tsc's output, shipped alongside),
 *   so the files found next to a module (templates, the training launcher) are found from the bundle;
 * - `createRequire(import.meta.url)(x)` becomes `require(x)`, so esbuild bundles x;
 * and on the way out, `import("@aws-sdk/…")` becomes a require: the bundle loads one build of the
 * SDK (CommonJS), the one its static imports already load, not a second (ESM) copy.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist/cli/smpipe.cjs');
/** The first line of the bundle: the sha256 of the rest, which keys its code cache (start.ts). */
export const BUILD_LINE = /^\/\/ smpipe bundle ([0-9a-f]{64})\n/;

/** The rewrites described above, for one source file; its path in dist/src comes from `file`. */
export function rewriteSource(text: string, file: string, outfile = BUNDLE): string {
  const compiled = join(ROOT, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js').replace(/\.cts$/, '.cjs');
  const fromBundle = relative(dirname(outfile), compiled).split('\\').join('/');
  const ownUrl = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(fromBundle)})).href`;
  return text
    .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
    .replaceAll('createRequire(import.meta.url)(', 'require(')
    .replaceAll('import.meta.url', ownUrl);
}

/** The bundle's `import("@aws-sdk/…")` calls (esbuild keeps dynamic imports of externals) as requires. */
export function requireAwsSdk(bundle: string): string {
  return bundle.replace(/\bimport\("(@aws-sdk\/[^"]+)"\)/g, 'Promise.resolve().then(()=>require("$1"))');
}

function rewrites(outfile: string): Plugin {
  return {
    name: 'smpipe-bundle-rewrites',
    setup(b) {
      b.onLoad({ filter: /\.c?ts$/ }, (args) => ({ contents: rewriteSource(readFileSync(args.path, 'utf8'), args.path, outfile), loader: 'ts' }));
    },
  };
}

/** bin/smpipe.js's start (src/cli/start.ts and the little it imports), CommonJS like bin/. */
export const START = join(ROOT, 'dist/cli/start.cjs');

function startOptions(): BuildOptions {
  return {
    entryPoints: [join(ROOT, 'src/cli/start.ts')],
    outfile: START,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [rewrites(START)],
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  };
}

export function bundleOptions(): BuildOptions & { metafile: true; write: false } {
  return {
    entryPoints: [join(ROOT, 'src/cli/bundle-entry.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    plugins: [rewrites(BUNDLE)],
    // Smaller text to read and compile. Identifiers stay as written, so stack traces and
    // `name`s need no keepNames (SMPIPE_BUNDLE=off runs the modules when a trace must point
    // into the sources). ASCII only: Node reads it as latin1, the fast path, and V8 keeps it
    // one byte per character.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
  };
}

/** Builds the bundle in memory: its text (build line first) and esbuild's metafile. */
export async function bundleCli(): Promise<{ text: string; metafile: Metafile }> {
  const result = await build(bundleOptions());
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild wrote no bundle');
  const body = requireAwsSdk(text);
  const problems = [
    ...(Buffer.byteLength(body) !== body.length ? ['holds a non-ASCII character'] : []),
    ...(body.includes('import("@aws-sdk') ? ['imports the AWS SDK as ESM'] : []),
  ];
  if (problems.length) throw new Error(`the bundle ${problems.join(' and ')}`);
  return { text: `// smpipe bundle ${createHash('sha256').update(body).digest('hex')}\n${body}`, metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await bundleCli();
  mkdirSync(dirname(BUNDLE), { recursive: true });
  writeFileSync(BUNDLE, text);
  await build(startOptions());
  console.log(`bundled the CLI: ${relative(ROOT, BUNDLE)} (${(text.length / 2 ** 20).toFixed(1)} MiB) and its start, ${relative(ROOT, START)}`);
}
