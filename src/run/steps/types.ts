import type { Json } from '../../expr/types.js';
import type { JsonObject, PlannedStep } from '../definition.js';
import type { LocalS3 } from '../local-s3.js';
import type { PathToken } from '../paths.js';
import type { LocalRegistry } from '../registry.js';
import type { RunOptions } from '../options.js';

/** The execution the step belongs to (its Execution.* variables come from here). */
export interface RunInfo {
  id: string;
  arn: string;
  pipeline: string;
  pipelineArn: string;
  region: string;
  account: string;
  startedAt: string;
}

export interface StepContext {
  planned: PlannedStep;
  /** The step's Arguments with every expression resolved. */
  args: JsonObject;
  run: RunInfo;
  /** The job or resource name this step creates (SageMaker's pipelines-<id>-<step>-<suffix>). */
  jobName: string;
  /** runs/<id>/<step>: log.txt and, for jobs, root/ (the job's /opt/ml). */
  dir: string;
  logFile: string;
  log(text: string): void;
  s3: LocalS3;
  options: RunOptions;
  registry: LocalRegistry;
  signal: AbortSignal;
  /** Assets of the compiled folder by S3 URI, for recognising smpipe's own generated files. */
  generatedAssets: ReadonlySet<string>;
}

export interface StepResult {
  /** The step's properties: what Steps.<name>.… reads (the Describe* response, built locally). */
  properties: JsonObject;
  /** A condition step's outcome. */
  outcome?: boolean;
}

/** A problem found before anything runs: a code, the message, the JSON pointer in definition.json. */
export interface PreflightProblem {
  code: 'SMP9501' | 'SMP9502' | 'SMP9503' | 'SMP9504' | 'SMP9505' | 'SMP9512' | 'SMP9514' | 'SMP9515';
  pointer: string;
  message: string;
  hint?: string;
}

export interface StepRunner {
  /** Describe* fields this step adds to its resolved Arguments (for checking references to it). */
  generated: readonly string[];
  /**
   * Checks a reference Steps.<this>.<path> whose first segment is in `generated` and needs more
   * than a name (a metric, an output parameter): a problem message, or undefined when it resolves.
   */
  checkReference?(step: PlannedStep, tokens: readonly PathToken[]): string | undefined;
  /** What this step needs from the command line, this machine or the steps it reads, checked before anything runs. */
  preflight?(step: PlannedStep, options: RunOptions, steps: ReadonlyMap<string, PlannedStep>): PreflightProblem[];
  run(ctx: StepContext): Promise<StepResult>;
}

export type { Json };
