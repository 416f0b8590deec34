import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledFolderError, readCompiledFolder, type CompiledFolder } from '../compile/compiled-folder.js';
import { renderText, summary } from '../views/diagnostics.js';
import { desiredFromFolder, type DesiredPipeline, type SpecOrigin } from '../deploy/desired.js';
import { DeployError } from '../deploy/errors.js';
import { UsageError, type Parsed } from './args.js';
import type { Io } from '../views/io.js';
import { compileFromArgs, SPEC_OPTIONS } from './load-spec.js';
import { writeCompileOutput } from './write-output.js';

/** Options of the commands that take a spec or a compiled folder. */
export const TARGET_OPTIONS = { ...SPEC_OPTIONS, out: { type: 'string' } } as const;

/** plan's and upsert's --verify-assets: HeadObject also the assets the deployed definition uses. */
export const VERIFY_OPTION = { 'verify-assets': { type: 'boolean' } } as const;

export interface Target {
  folder: CompiledFolder;
  desired: DesiredPipeline;
}

/** A folder (compiled, or to be refused as not compiled), a spec (.yaml), or else a pipeline name. */
export function targetKind(arg: string): 'folder' | 'spec' | 'name' {
  if (existsSync(arg) && statSync(arg).isDirectory()) return 'folder';
  return /\.ya?ml$/i.test(arg) ? 'spec' : 'name';
}

/**
 * The compiled folder a deploy command works from: a SPEC is compiled and written to
 * `--out` (default build/<pipeline>) first, exactly as `smpipe compile` does, then read back like
 * any folder, so deploying a spec and deploying its folder are the same thing. Returns null when
 * the spec has errors (they are printed). A folder is checked against its manifest's hashes.
 */
export function loadTarget(arg: string, parsed: Parsed, io: Io): Target | null {
  const kind = targetKind(arg);
  if (kind === 'name') throw new UsageError(`${arg} is neither a spec (.yaml) nor a compiled folder (smpipe compile writes one to build/<pipeline>)`);
  if (kind === 'folder') {
    for (const flag of ['vars', 'set', 'out']) {
      if (parsed.values[flag] !== undefined) throw new UsageError(`--${flag} applies to a spec; ${arg} is a compiled folder, deployed as it is`);
    }
    return fromFolder(arg);
  }
  const result = compileFromArgs(arg, parsed);
  if (result.diagnostics.length) io.err(`${renderText(result.diagnostics, result.sources, { frames: true })}${summary(result.diagnostics)}\n`);
  if (!result.manifest) return null;
  const out = (parsed.values.out as string | undefined) ?? join('build', result.manifest.pipeline);
  const refused = writeCompileOutput(result, out);
  if (refused) {
    io.err(`${renderText([refused], result.sources)}${summary([refused])}\n`);
    return null;
  }
  io.err(`compiled ${arg} to ${out}\n`);
  const source = result.sources.get(arg);
  return fromFolder(out, source ? { file: arg, source } : undefined);
}

function fromFolder(path: string, origin?: SpecOrigin): Target {
  try {
    const folder = readCompiledFolder(path);
    return { folder, desired: desiredFromFolder(folder, origin) };
  } catch (error) {
    if (error instanceof CompiledFolderError) throw new DeployError(error.code, error.message, error.hint);
    throw error;
  }
}
