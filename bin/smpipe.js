#!/usr/bin/env node
// Runs the compiled CLI (npm run build writes dist/). Kept as plain JS so the bin works without a TypeScript loader.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
