import { compile, type CompileResult } from '../compile/compile.js';
import { renderJson, renderText, summary } from '../views/diagnostics.js';
import type { Parsed } from './args.js';
import { InputError, UsageError } from './args.js';
import { readSpecFile } from '../spec/read.js';
import type { VarsInput } from '../spec/vars.js';

/** The options that name a spec's vars (help text: SPEC_FLAGS); compileFromArgs reads them. */
export const SPEC_OPTIONS = {
  vars: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

export const COMPILE_OPTIONS = { ...SPEC_OPTIONS, format: { type: 'string' } } as const;

/**
 * Reads a spec or vars file named on the command line: a missing one is a usage error; a
 * device, an oversized file or bytes that are not UTF-8 are an SMP error (exit 1), never a crash.
 */
export function readText(path: string, what: string): string {
  const read = readSpecFile(path);
  if (read.ok) return read.text;
  if (!read.missing) throw new InputError(read.diagnostic);
  throw new UsageError(`cannot read ${what} ${path}${read.errno === 'ENOENT' ? ': no such file' : `: ${read.errno}`}`);
}

/** Reads the spec and vars named on the command line and compiles them; a refused file is a diagnostic like any other. */
export function compileFromArgs(specPath: string, parsed: Parsed): CompileResult {
  try {
    const text = readText(specPath, 'spec');
    const vars: VarsInput = { set: (parsed.values.set as string[] | undefined) ?? [] };
    const varsPath = parsed.values.vars as string | undefined;
    if (varsPath) vars.file = { path: varsPath, text: readText(varsPath, 'vars file') };
    return compile(text, { file: specPath, vars });
  } catch (error) {
    if (error instanceof InputError) return { assets: [], diagnostics: [error.diagnostic], sources: new Map() };
    throw error;
  }
}

/** Prints diagnostics to stderr (text) or stdout (json); returns whether there were errors. */
export function printDiagnostics(result: CompileResult, format: string | undefined): boolean {
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (format === 'json') {
    process.stdout.write(renderJson(result.diagnostics));
    return errors;
  }
  if (format !== undefined && format !== 'text') throw new UsageError(`--format must be text or json, got ${format}`);
  if (result.diagnostics.length) {
    const color = process.stderr.isTTY && !process.env.NO_COLOR;
    process.stderr.write(renderText(result.diagnostics, result.sources, { frames: true }));
    process.stderr.write(`${color ? '\x1b[1m' : ''}${summary(result.diagnostics)}${color ? '\x1b[0m' : ''}\n`);
  }
  return errors;
}
