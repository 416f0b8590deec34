import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A user mistake on the command line: exit 2 with the message and the command's help. */
export class UsageError extends Error {}

/** Input smpipe refused before compiling (a spec that is a device, too large, not UTF-8): exit 1 with its diagnostic. */
export class InputError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function one(parsed: Parsed, what: string): string {
  if (parsed.positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${parsed.positionals.length}`);
  return parsed.positionals[0] as string;
}
