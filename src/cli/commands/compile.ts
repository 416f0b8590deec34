import { join } from 'node:path';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { one, parse, UsageError } from '../args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from '../load-spec.js';
import { writeCompileOutput } from '../write-output.js';

/** `smpipe compile`: the compiled folder (definition, manifest, assets), or the spec's diagnostics. */
export function run(argv: string[]): number {
  const parsed = parse(argv, { ...COMPILE_OPTIONS, out: { type: 'string' } });
  const format = parsed.values.format as string | undefined;
  if (format !== undefined && format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${format}`);
  const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
  const out = (parsed.values.out as string | undefined) ?? join('build', result.manifest?.pipeline ?? '');
  // Written before printing, so a refused or unwritable folder prints with the warnings (one JSON array).
  const refused = result.manifest && !hasErrors(result.diagnostics) ? writeCompileOutput(result, out) : undefined;
  if (refused) result.diagnostics.push(refused);
  if (printDiagnostics(result, format) || !result.manifest) return 1;
  const assets = result.assets.length;
  process.stderr.write(`compiled ${result.manifest.pipeline}: ${out}/definition.json (${result.manifest.definition.size} bytes), ${assets} asset${assets === 1 ? '' : 's'}\n`);
  return 0;
}
