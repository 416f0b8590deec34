import type { Severity } from '../diagnostic.js';
import type { Template } from '../messages.js';

/** One code of the catalogue. */
export interface CodeInfo {
  severity: Severity;
  /** One line for the README's catalogue and `smpipe explain` (explanations/ holds the rest). */
  title: string;
  /** The messages reported under this code, by id: `report('SMP2004.queueUrl', at, { queue })` (diagnostics/messages.ts). */
  messages?: Readonly<Record<string, Template>>;
}
