#!/usr/bin/env node
// Runs the built CLI (make dist/.built, or npm pack's prepack): dist/cli/start.cjs (src/cli/start.ts)
// starts the bundle dist/cli/smpipe.cjs with a V8 code cache, else dist/src/cli/main.js. CommonJS
// (bin/package.json), like the bundle, so no ES module loader is set up for it; plain JS, no loader.
'use strict';

require('../dist/cli/start.cjs')
  .start(process.argv.slice(2))
  .then((status) => {
    process.exitCode = status;
  });
