import { CreatePipelineCommand, UpdatePipelineCommand, type PipelineDefinitionS3Location } from '@aws-sdk/client-sagemaker';
import type { FolderAsset } from '../compile/compiled-folder.js';
import { needsUpload, uploadMissing, type UploadEvents } from './assets.js';
import type { Clients } from './clients.js';
import type { DesiredPipeline } from './desired.js';
import { DEFAULT_STORE, type StoreOptions } from './object-store.js';
import { explainAwsError } from './explain-error.js';
import type { OpenUploads } from './open-uploads.js';
import { makePlan, type Plan, type PlanOptions } from './plan.js';
import { explainRejection } from './rejection.js';
import { parseS3Uri } from './s3-uri.js';
import { abortStaleUploads, DEFAULT_STALE_AFTER_MS } from './stale-uploads.js';
import { convergeTags } from './tags.js';
import { createToken } from './token.js';

export interface UpsertOptions extends PlanOptions {
  store?: StoreOptions;
  events?: UploadEvents;
  /** The multipart uploads in flight, for the CLI to abort when the process is interrupted. */
  open?: OpenUploads;
  /** How long a multipart upload under the artifacts prefix must be idle to count as abandoned. */
  staleAfterMs?: number;
  /** Runs after the plan and before any write; throwing stops the upsert (the CLI runs preflight here). */
  beforeWrite?: (plan: Plan) => Promise<void>;
}

export interface UpsertResult {
  plan: Plan;
  arn: string;
  uploaded: FolderAsset[];
  tagsChanged: boolean;
}

/**
 * Plan, then: abandoned multipart uploads of earlier runs aborted, every missing asset to S3;
 * then CreatePipeline when absent, UpdatePipeline when the definition or a setting differs,
 * nothing when they are equal; then tags. An upload that fails stops here, before the pipeline is
 * touched.
 */
export async function upsert(clients: Clients, desired: DesiredPipeline, options: UpsertOptions = {}): Promise<UpsertResult> {
  const plan = await makePlan(clients, desired, options);
  await options.beforeWrite?.(plan);
  if (plan.assets.some(needsUpload)) await cleanUpAbandoned(clients, desired, options);
  const uploaded = await uploadMissing(clients.s3, clients.region, plan.assets, options.store ?? DEFAULT_STORE, options.events, options.open);
  const arn = await applyPipeline(clients, desired, plan);
  const tagsChanged = plan.action === 'create' ? false : await convergeTags(clients, arn, plan.tags);
  return { plan, arn, uploaded, tagsChanged };
}

/**
 * Runs only when something is about to be uploaded (an upload killed mid-way left its asset
 * missing, so the next upsert uploads it again and cleans up first), and before this run opens
 * uploads of its own. A failure here (no s3:ListBucketMultipartUploads permission) is a notice,
 * not a reason to stop the deploy.
 */
async function cleanUpAbandoned(clients: Clients, desired: DesiredPipeline, options: UpsertOptions): Promise<void> {
  if (!desired.artifacts) return;
  try {
    const aborted = await abortStaleUploads(clients.s3, clients.region, desired.artifacts, { staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS });
    for (const upload of aborted) options.events?.notice?.(`aborted an abandoned multipart upload of ${upload.uri} (idle since ${upload.idleSince.toISOString()})`);
  } catch (error) {
    options.events?.notice?.(`note: abandoned multipart uploads were not cleaned up: ${(error as Error).message}`);
  }
}

async function applyPipeline(clients: Clients, desired: DesiredPipeline, plan: Plan): Promise<string> {
  if (plan.action === 'none') return (plan.deployed as NonNullable<Plan['deployed']>).arn;
  const action = plan.action === 'create' ? 'CreatePipeline' : 'UpdatePipeline';
  const call = { action: `sagemaker:${action}`, resource: `pipeline ${desired.name}`, region: clients.region };
  try {
    const out = plan.action === 'create'
      ? await clients.sagemaker.send(createCommand(desired, plan))
      : await clients.sagemaker.send(updateCommand(desired, plan));
    return out.PipelineArn as string;
  } catch (error) {
    throw explainRejection(error, desired, action) ?? explainAwsError(error, call);
  }
}

function createCommand(desired: DesiredPipeline, plan: Plan): CreatePipelineCommand {
  return new CreatePipelineCommand({
    ...commonFields(desired, plan),
    RoleArn: desired.settings.role as string,
    Tags: Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value })),
    ClientRequestToken: createToken(desired),
  });
}

function updateCommand(desired: DesiredPipeline, plan: Plan): UpdatePipelineCommand {
  return new UpdatePipelineCommand({
    ...commonFields(desired, plan),
    ...(desired.settings.role ? { RoleArn: desired.settings.role } : {}),
  });
}

function commonFields(desired: DesiredPipeline, plan: Plan) {
  const s = desired.settings;
  return {
    PipelineName: desired.name,
    PipelineDisplayName: s.displayName,
    PipelineDescription: s.description,
    ...(s.parallelism !== null ? { ParallelismConfiguration: { MaxParallelExecutionSteps: s.parallelism } } : {}),
    ...(plan.definitionObject ? { PipelineDefinitionS3Location: s3Location(plan.definitionObject) } : { PipelineDefinition: desired.definitionText }),
  };
}

function s3Location(object: FolderAsset): PipelineDefinitionS3Location {
  const { bucket, key } = parseS3Uri(object.s3Uri);
  return { Bucket: bucket, ObjectKey: key };
}
