/**
 * Ground Truth labeling jobs, which moto does not have. A job stays InProgress until the test
 * completes or fails it (humans are not simulated); StopLabelingJob goes Stopping → Stopped.
 */
import { randomBytes } from 'node:crypto';
import { ServiceError } from './errors.js';

export type LabelingStatus = 'Initializing' | 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface LabelingJob {
  request: Record<string, unknown>;
  name: string;
  arn: string;
  status: LabelingStatus;
  created: number;
  modified: number;
  referenceCode: string;
  failureReason?: string;
  outputManifestUri?: string;
}

export class LabelingStore {
  readonly jobs = new Map<string, LabelingJob>();

  constructor(private readonly region: string, private readonly accountId: string) {}

  create(name: string, request: Record<string, unknown>): LabelingJob {
    if (this.jobs.has(name)) throw new ServiceError('ResourceInUse', `A labeling job with name ${name} already exists.`);
    const now = Date.now();
    const job: LabelingJob = {
      request, name, status: 'InProgress', created: now, modified: now,
      arn: `arn:aws:sagemaker:${this.region}:${this.accountId}:labeling-job/${name.toLowerCase()}`,
      referenceCode: randomBytes(8).toString('hex'),
    };
    this.jobs.set(name, job);
    return job;
  }

  get(name: string): LabelingJob {
    const job = this.jobs.get(name);
    if (!job) throw new ServiceError('ResourceNotFound', `Could not find labeling job '${name}'.`);
    return job;
  }

  /** Test control: the workers are done and Ground Truth wrote the output manifest. */
  complete(name: string, outputManifestUri: string): void {
    const job = this.settleable(name);
    Object.assign(job, { status: 'Completed', outputManifestUri, modified: Date.now() });
  }

  /** Test control: the job failed. */
  fail(name: string, reason: string): void {
    const job = this.settleable(name);
    Object.assign(job, { status: 'Failed', failureReason: reason, modified: Date.now() });
  }

  private settleable(name: string): LabelingJob {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`emulator: no labeling job '${name}'`);
    if (job.status !== 'InProgress' && job.status !== 'Initializing') throw new Error(`emulator: labeling job '${name}' is already ${job.status}`);
    return job;
  }
}
