import { compile, type CompileResult } from '../compile/compile.js';
import { renderText, summary } from '../diagnostics/render.js';
import { artifactsPrefix } from '../deploy/artifacts.js';
import { desiredPipeline, type DesiredPipeline } from '../deploy/desired.js';
import type { VarsInput } from '../spec/vars.js';
import { type Parsed } from './args.js';
import { readText } from './load-spec.js';
import type { Io } from './deploy-io.js';

export const SPEC_OPTIONS = {
  vars: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

export { SPEC_FLAGS } from './help-text.js';

export type CompiledSpec = { ok: true; result: CompileResult; desired: DesiredPipeline } | { ok: false };

/** Compiles the spec for a deploy command; diagnostics go to stderr, errors end the command. */
export function compileForDeploy(specPath: string, parsed: Parsed, io: Io): CompiledSpec {
  const text = readText(specPath, 'spec');
  const vars: VarsInput = { set: (parsed.values.set as string[] | undefined) ?? [] };
  const varsPath = parsed.values.vars as string | undefined;
  if (varsPath) vars.file = { path: varsPath, text: readText(varsPath, 'vars file') };
  const result = compile(text, { file: specPath, vars });
  if (result.diagnostics.length) io.err(`${renderText(result.diagnostics, result.sources, { frames: true })}${summary(result.diagnostics)}\n`);
  if (!result.manifest) return { ok: false };
  return { ok: true, result, desired: desiredPipeline(result, specPath, artifactsPrefix(specPath, text, vars)) };
}


/** A SPEC argument is a YAML file; anything else names a deployed pipeline. */
export function isSpecPath(arg: string): boolean {
  return /\.ya?ml$/i.test(arg);
}
