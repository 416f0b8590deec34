#!/usr/bin/env node
// Runs the built CLI (make dist/.built, or npm pack's prepack): the bundle dist/cli/smpipe.cjs with
// a V8 code cache, else dist/src/cli/main.js (src/cli/start.ts). Plain JS: no TypeScript loader.
import { start } from '../dist/src/cli/start.js';

process.exitCode = await start(process.argv.slice(2));
