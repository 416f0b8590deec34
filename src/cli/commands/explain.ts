import { CODES, type Code } from '../../diagnostics/codes.js';
import { truncate } from '../../util/truncate.js';
import { codeList, explainCode } from '../../views/explain.js';
import { parse, UsageError } from '../args.js';

/** `smpipe explain [CODE]`: one code explained, or the list of every code. Loads no compiler. */
export function run(argv: string[]): number {
  const parsed = parse(argv, {});
  if (parsed.positionals.length > 1) throw new UsageError(`expected at most one code, got ${parsed.positionals.length}`);
  const wanted = parsed.positionals[0];
  if (wanted === undefined) {
    process.stdout.write(codeList());
    return 0;
  }
  const code = codeNamed(wanted);
  if (!code) throw new UsageError(`unknown code ${truncate(wanted, 40)} (smpipe explain lists them all)`);
  process.stdout.write(explainCode(code));
  return 0;
}

/** `SMP3002`, `smp3002` and `3002` all name SMP3002; undefined when no code has that name. */
export function codeNamed(text: string): Code | undefined {
  const code = /^\d{4}$/.test(text) ? `SMP${text}` : text.toUpperCase();
  return Object.hasOwn(CODES, code) ? (code as Code) : undefined;
}
