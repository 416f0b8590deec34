// Bundles the labeling bridge into ONE file for the Node.js 20 Lambda runtime:
// build/labeling-bridge/index.mjs (every handler, the AWS SDK clients included, so the
// functions run the SDK version the tests ran, not whatever the runtime ships).
// Usage: node containers/labeling-bridge/build.mjs [OUTFILE]   (make bridge)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/** esbuild options, exported so tests bundle exactly what a deploy ships. */
export function bundleOptions(outfile) {
  return {
    entryPoints: [join(here, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Some SDK dependencies are CommonJS and call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __smpipeCreateRequire } from 'node:module'; const require = __smpipeCreateRequire(import.meta.url);" },
    // The SDK's browser and React Native variants are never wanted in Lambda.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
  };
}

export async function bundle(outfile = join(root, 'build/labeling-bridge/index.mjs')) {
  await build(bundleOptions(outfile));
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await bundle(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`bundled the labeling bridge: ${out}`);
}
