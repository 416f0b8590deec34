import type { Code } from '../codes.js';

/**
 * What `smpipe explain CODE` prints beyond the title. Compile-time examples are whole specs:
 * test/diagnostics/explanations.test.ts compiles each one and checks that the example gives its
 * code and that the fix compiles without errors, so the text cannot drift from the compiler.
 */
export interface Explanation {
  /** What the check means and why it exists. */
  explain: string;
  /** A spec that fails with the code; for a `situation`, what leads to it. */
  example: string;
  /** The example corrected (a spec), or for a `situation`, what to do. */
  fix: string;
  /** `--set` arguments the example and the fix are compiled with. */
  set?: { example?: readonly string[]; fix?: readonly string[] };
  /** The example is told in words: a deploy answer from AWS or a limit no short spec reaches. */
  situation?: true;
  /** The example and the fix are pipeline definitions (JSON) that `smpipe check` reads, not specs. */
  definition?: true;
}

export type Explanations = Partial<Record<Code, Explanation>>;
