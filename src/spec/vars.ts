import type { Reporter } from '../diagnostics/reporter.js';
import { loadYaml } from './load.js';
import { didYouMean } from '../util/suggest.js';
import { joinPointer } from './pointer.js';

export type VarValue = string | number | boolean | null;

export interface VarsInput {
  /** A vars file: its name (for diagnostics) and text. */
  file?: { path: string; text: string };
  /** `key=value` pairs from --set; later ones win. */
  set?: readonly string[];
}

/** Where a var's value came from, so a finding about the value points there. */
export type VarOrigin =
  | { from: 'spec' }
  /** `pointer` is the var's entry in the vars file, for the file's own reporter. */
  | { from: 'file'; pointer: string }
  /** The --set argument as given. */
  | { from: 'set'; argument: string };

export interface ResolvedVars {
  vars: Map<string, VarValue>;
  origins: Map<string, VarOrigin>;
  /** The vars file's reporter (its diagnostics and source), when one was given. */
  fileReporter?: Reporter;
}

/**
 * Compile-time vars: the spec's declared defaults, overridden by the vars file,
 * overridden by --set. Only declared vars may be set, so a typo is an error
 * instead of a silently ignored value. Declared names are looked up as own keys only:
 * `--set constructor=x` is not a var because every object has a constructor.
 */
export function resolveVars(declaredIn: Record<string, VarValue>, input: VarsInput, reporter: Reporter): ResolvedVars {
  // `vars:` that is not a mapping was reported by the spec schema; then nothing is declared.
  const declared = typeof declaredIn === 'object' && declaredIn !== null && !Array.isArray(declaredIn) ? declaredIn : {};
  // A default that is not a scalar was reported by the spec schema; it stands for no value.
  const vars = new Map(Object.entries(declared).map(([name, v]) => [name, v !== null && typeof v === 'object' ? null : v]));
  const origins = new Map<string, VarOrigin>([...vars.keys()].map((name) => [name, { from: 'spec' }]));
  const resolved: ResolvedVars = { vars, origins };
  if (input.file) resolved.fileReporter = applyVarsFile(resolved, input.file, declared);
  for (const pair of input.set ?? []) applySet(resolved, pair, declared, reporter);
  return resolved;
}

function applyVarsFile(resolved: ResolvedVars, file: { path: string; text: string }, declared: Record<string, VarValue>): Reporter {
  const loaded = loadYaml(file.path, file.text);
  const reporter = loaded.reporter;
  const value = loaded.value;
  if (reporter.errorCount === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    reporter.report('SMP2003.varsFileShape', '');
  } else if (reporter.errorCount === 0) {
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const pointer = joinPointer('', name);
      if (!Object.hasOwn(declared, name)) {
        reporter.report('SMP3003.undeclaredInFile', pointer, { name }, { at: 'key', hint: hintFor(name, declared) });
      } else if (v !== null && typeof v === 'object') {
        reporter.report('SMP2003.varType', pointer, { name });
      } else {
        resolved.vars.set(name, v as VarValue);
        resolved.origins.set(name, { from: 'file', pointer });
      }
    }
  }
  return reporter;
}

function applySet(resolved: ResolvedVars, pair: string, declared: Record<string, VarValue>, reporter: Reporter): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    reporter.report('SMP1004.setSyntax', '', { pair });
    return;
  }
  const name = pair.slice(0, eq);
  if (!Object.hasOwn(declared, name)) {
    reporter.report('SMP3003.undeclaredSet', '/vars', { name }, { hint: hintFor(name, declared) });
    return;
  }
  resolved.vars.set(name, pair.slice(eq + 1));
  resolved.origins.set(name, { from: 'set', argument: pair });
}

function hintFor(name: string, declared: Record<string, VarValue>): string {
  return didYouMean(name, Object.keys(declared)) ?? `declared vars: ${Object.keys(declared).join(', ') || '(none)'}`;
}
