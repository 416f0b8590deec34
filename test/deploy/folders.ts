import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCompileOutput } from '../../src/cli/write-output.js';
import { compile, type CompileResult } from '../../src/compile/compile.js';
import { readCompiledFolder, type CompiledFolder } from '../../src/compile/compiled-folder.js';
import type { VarsInput } from '../../src/spec/vars.js';

/** Compiles spec text and writes its folder under a fresh temp dir, as `smpipe compile --out` would. */
export function compileToFolder(text: string, file: string, vars: VarsInput = {}): { result: CompileResult; dir: string; folder: CompiledFolder; cleanup(): void } {
  const result = compile(text, { file, vars });
  if (!result.manifest) throw new Error(`spec does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const root = mkdtempSync(join(tmpdir(), 'smpipe-folder-'));
  const dir = join(root, result.manifest.pipeline);
  writeCompileOutput(result, dir);
  return { result, dir, folder: readCompiledFolder(dir), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
