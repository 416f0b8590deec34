import { compile, type CompileOptions, type CompileResult } from '../../src/compile/compile.js';

/** `CODE line:col` of every diagnostic (errors and warnings), in the compiler's order. */
export function found(result: CompileResult): string[] {
  return result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`);
}

/** `line:col` of the `n`th occurrence of `needle` in `text` (1-based, as diagnostics count). */
export function at(text: string, needle: string, n = 1): string {
  let offset = -1;
  for (let i = 0; i < n; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" not found ${n} times`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** Compiles `text` as `hostile.yaml`; never throws (a throw fails the calling test with its stack). */
export function run(text: string, options: Partial<CompileOptions> = {}): CompileResult {
  return compile(text, { file: 'hostile.yaml', ...options });
}
