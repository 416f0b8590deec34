/** What `smpipe run` was asked to do, beyond the compiled folder. */
export interface RunOptions {
  /** .smpipe/local: local S3, runs, cache, environments, registry. */
  localDir: string;
  backend: 'process' | 'docker';
  /** Base interpreter for the process backend (absolute). */
  python: string;
  /** Pipeline parameters given with --param NAME=VALUE (checked against the definition). */
  params: string[];
  /** Run this step and what follows it; reuse the rest from the latest run. */
  from?: string;
  /** A Ground Truth output manifest answering every ground-truth step. */
  labels?: string;
  /** Simulated labelers per item for ground-truth steps ('auto': the step's own workers per item). */
  simulateLabels?: number | 'auto';
  /** STEP → outputs.json for callback steps. */
  callbacks: Map<string, string>;
  /** STEP → handler file (.mjs/.js/.cjs/.py) or outputs .json for lambda steps. */
  lambdas: Map<string, string>;
  /** STEP → properties .json recorded from AWS, for steps that run only there (steps/recorded.ts). */
  stepOutputs?: ReadonlyMap<string, string>;
}
