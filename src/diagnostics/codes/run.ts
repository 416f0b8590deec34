import type { CodeInfo } from './types.js';

/**
 * SMP95xx: the local runner (smpipe run). SMP9501-9505 are found while checking a compiled
 * definition before anything runs; their text is built where they are found (the step, the path,
 * what is missing) and placed at definition.json:line:col through the `problem` template.
 */
export const RUN = {
  SMP9501: { severity: 'error', title: 'Expression or property path the local runner cannot resolve', messages: { problem: '{{message}}' } },
  SMP9502: { severity: 'error', title: 'Step type the local runner cannot execute', messages: { problem: '{{message}}' } },
  SMP9503: { severity: 'error', title: 'S3 input not on this machine and no AWS credentials to fetch it', messages: { problem: '{{message}}' } },
  SMP9504: { severity: 'error', title: 'Callback or ground-truth step without a local answer (--callback, --labels, --simulate-labels)', messages: { problem: '{{message}}' } },
  SMP9505: { severity: 'error', title: 'Lambda step without a local handler or outputs file (--lambda)', messages: { problem: '{{message}}' } },
  SMP9506: { severity: 'error', title: '--callback, --lambda or --from names no step of the right type' },
  SMP9507: { severity: 'error', title: '--from cannot reuse earlier results (no earlier run, or a step before it did not succeed there)' },
  SMP9508: { severity: 'error', title: 'No Docker engine for --backend docker' },
  SMP9510: { severity: 'error', title: 'Fetching an S3 input from AWS failed' },
  SMP9511: { severity: 'error', title: 'Invalid local answer file (--labels, --callback, --lambda outputs, --step-outputs)' },
  SMP9512: { severity: 'error', title: 'Step that runs only in AWS (Clarify or quality check, EMR, EMR Serverless, AutoML, notebook job) without recorded outputs (--step-outputs)', messages: { problem: '{{message}}' } },
  SMP9513: { severity: 'error', title: '--step-outputs names no step that runs only in AWS' },
  SMP9514: { severity: 'error', title: 'Batch transform the local runner cannot run (a model that is not script mode, a data-processing filter it does not evaluate)', messages: { problem: '{{message}}' } },
  SMP9515: { severity: 'error', title: 'Tuning job the local runner cannot run (a Grid search over numeric ranges, a training definition it cannot run)', messages: { problem: '{{message}}' } },
} as const satisfies Record<string, CodeInfo>;
