import type { Reporter } from '../diagnostics/reporter.js';
import { loadYaml } from './load.js';
import { closest } from '../util/suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type VarValue = string | number | boolean | null;

export interface VarsInput {
  /** A vars file: its name (for diagnostics) and text. */
  file?: { path: string; text: string };
  /** `key=value` pairs from --set; later ones win. */
  set?: readonly string[];
}

/**
 * Compile-time vars: the spec's declared defaults, overridden by the vars file,
 * overridden by --set. Only declared vars may be set, so a typo is an error
 * instead of a silently ignored value.
 */
export function resolveVars(declaredIn: Record<string, VarValue>, input: VarsInput, reporter: Reporter): { vars: Map<string, VarValue>; diagnostics: Diagnostic[] } {
  // `vars:` that is not a mapping was reported by the spec schema; then nothing is declared.
  const declared = typeof declaredIn === 'object' && declaredIn !== null && !Array.isArray(declaredIn) ? declaredIn : {};
  // A default that is not a scalar was reported by the spec schema; it stands for no value.
  const vars = new Map(Object.entries(declared).map(([name, v]) => [name, v !== null && typeof v === 'object' ? null : v]));
  const extra: Diagnostic[] = [];
  if (input.file) extra.push(...applyVarsFile(vars, input.file, declared));
  for (const pair of input.set ?? []) applySet(vars, pair, declared, reporter);
  return { vars, diagnostics: extra };
}

function applyVarsFile(vars: Map<string, VarValue>, file: { path: string; text: string }, declared: Record<string, VarValue>): Diagnostic[] {
  const loaded = loadYaml(file.path, file.text);
  const reporter = loaded.reporter;
  const value = loaded.value;
  if (reporter.errorCount === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    reporter.report('SMP2003', '', 'a vars file must be a mapping of var names to values');
  } else if (reporter.errorCount === 0) {
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (!(name in declared)) {
        reporter.report('SMP3003', `/${name}`, `"${name}" is not declared under vars: in the spec`, { at: 'key', hint: hintFor(name, declared) });
      } else if (v !== null && typeof v === 'object') {
        reporter.report('SMP2003', `/${name}`, `var "${name}" must be a string, number, boolean or null`);
      } else {
        vars.set(name, v as VarValue);
      }
    }
  }
  return reporter.diagnostics;
}

function applySet(vars: Map<string, VarValue>, pair: string, declared: Record<string, VarValue>, reporter: Reporter): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    reporter.report('SMP1004', '', `--set ${pair}: expected key=value`);
    return;
  }
  const name = pair.slice(0, eq);
  if (!(name in declared)) {
    reporter.report('SMP3003', '/vars', `--set ${name}: "${name}" is not declared under vars:`, { hint: hintFor(name, declared) });
    return;
  }
  vars.set(name, pair.slice(eq + 1));
}

function hintFor(name: string, declared: Record<string, VarValue>): string {
  const near = closest(name, Object.keys(declared));
  return near ? `did you mean "${near}"?` : `declared vars: ${Object.keys(declared).join(', ') || '(none)'}`;
}
