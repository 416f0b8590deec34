import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompileResult } from '../compile/compile.js';
import { canonicalJson } from '../util/canonical-json.js';

/**
 * Writes definition.json, manifest.json and the assets into a temporary sibling
 * folder, then swaps it in: a failed or interrupted compile never leaves a
 * half-written output (the previous output stays until the swap).
 */
export function writeCompileOutput(result: CompileResult, outDir: string): void {
  if (!result.definitionText || !result.manifest) throw new Error('writeCompileOutput called without a definition');
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'definition.json'), result.definitionText);
    writeFileSync(join(staging, 'manifest.json'), canonicalJson(result.manifest));
    for (const asset of result.assets) {
      const path = join(staging, asset.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, asset.bytes);
    }
    swapIn(staging, outDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function swapIn(staging: string, outDir: string): void {
  const old = `${outDir}.old-${process.pid}`;
  mkdirSync(dirname(outDir), { recursive: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
}
