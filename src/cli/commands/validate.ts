import { one, parse } from '../args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from '../load-spec.js';

/** `smpipe validate`: the spec's diagnostics; writes nothing. */
export function run(argv: string[]): number {
  const parsed = parse(argv, COMPILE_OPTIONS);
  const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
  const errors = printDiagnostics(result, parsed.values.format as string | undefined);
  if (!errors && parsed.values.format !== 'json') process.stderr.write(`${result.manifest?.pipeline}: ok\n`);
  return errors ? 1 : 0;
}
