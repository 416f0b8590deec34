/** The state of running executions, as ListPipelineExecutionSteps and friends report it. */
import type { Definition } from '../definition/parse.js';
import type { Json } from '../definition/refs.js';

export type StepStatus = 'Starting' | 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded';
export type ExecutionStatus = 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded';

export interface StepRun {
  name: string;
  type: string;
  displayName?: string;
  description?: string;
  status: StepStatus;
  startTime: number;
  endTime?: number;
  failureReason?: string;
  /** PipelineExecutionStepMetadata: {"TrainingJob": {"Arn"}}, {"Callback": {…}}, … */
  metadata: Record<string, unknown>;
  /** What `Steps.<name>.…` references read: the Describe* shape of the simulated job. */
  properties: Record<string, unknown>;
  callbackToken?: string;
  /** The resolved Arguments (a callback's message repeats them). */
  arguments?: Record<string, unknown>;
  /** The pending completion of a simulated job, cleared on stop. */
  timer?: NodeJS.Timeout;
  /** The step's resolved cache key, when its CacheConfig is enabled (recorded when it succeeds). */
  cacheKey?: string;
  /** CacheHitResult: the execution whose run was reused. */
  cacheHit?: string;
  /** SelectiveExecutionResult: the reference execution a step that was not selected was copied from. */
  selectiveSource?: string;
  /** Runs of this step in this execution so far (RetryPipelineExecution adds one). */
  attempt: number;
}

export interface Execution {
  arn: string;
  id: string;
  pipelineName: string;
  pipelineArn: string;
  displayName: string;
  description?: string;
  status: ExecutionStatus;
  failureReason?: string;
  creationTime: number;
  lastModifiedTime: number;
  parameters: Record<string, Json>;
  /** The definition as it was when the execution started; later updates do not touch it. */
  definition: Definition;
  parallelism?: number;
  experimentConfig?: Record<string, unknown>;
  runs: Map<string, StepRun>;
  stopRequested: boolean;
  failed: boolean;
  /** A Fail step's ErrorMessage becomes the execution's FailureReason. */
  failMessage?: string;
  /** The pipeline version it runs (StartPipelineExecution's PipelineVersionId, else the latest). */
  versionId?: number;
  /** SelectiveExecutionConfig as given; `skip` holds the steps a selective execution never runs. */
  selective?: { SourcePipelineExecutionArn?: string; SelectedSteps: Array<{ StepName: string }> };
  skip?: Set<string>;
  /** Attempts of steps that RetryPipelineExecution ran again. */
  priorAttempts?: Map<string, number>;
  waiters: Array<(status: ExecutionStatus) => void>;
}

export const RUNNING: ReadonlySet<StepStatus> = new Set(['Starting', 'Executing', 'Stopping']);
export const FINAL_EXECUTION: ReadonlySet<ExecutionStatus> = new Set(['Stopped', 'Failed', 'Succeeded']);

/** Executions by ARN and waiting callbacks by token. */
export class ExecutionStore {
  readonly executions = new Map<string, Execution>();
  readonly callbacks = new Map<string, { execution: Execution; run: StepRun }>();

  add(execution: Execution): void {
    this.executions.set(execution.arn, execution);
  }

  get(arn: string): Execution | undefined {
    return this.executions.get(arn);
  }

  forPipeline(name: string): Execution[] {
    return [...this.executions.values()].filter((e) => e.pipelineName === name);
  }
}
