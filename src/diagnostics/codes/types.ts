/*
 * Severity and Template live here, not in diagnostic.ts and messages.ts (which re-export them):
 * those import the catalogue, and the catalogue's families import this file (no import cycle).
 */
export type Severity = 'error' | 'warning';

/** A template: the message alone, or the message and the hint that always goes with it. */
export type Template = string | { readonly message: string; readonly hint: string };

/** One code of the catalogue. */
export interface CodeInfo {
  severity: Severity;
  /** One line for the README's catalogue and `smpipe explain` (explanations/ holds the rest). */
  title: string;
  /** The messages reported under this code, by id: `report('SMP2004.queueUrl', at, { queue })` (diagnostics/messages.ts). */
  messages?: Readonly<Record<string, Template>>;
}
