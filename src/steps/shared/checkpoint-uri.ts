/**
 * The default checkpoint location of a training step (`checkpoints: true`).
 *
 * CheckpointConfig is part of a Training step's cache key
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-default-keys.html), so a location
 * holding the execution id means the step is never reused from the cache. Instead the location is
 * a function of the rest of the key, so it is the same exactly when the job would be:
 *
 *   <artifacts>/checkpoints/<step>/<sha256 of the key fields as compiled, 16 hex>/<run-time parts>
 *
 * The hash covers what is fixed at compile time (image, code archive, literal hyperparameters,
 * channel settings, environment); the run-time parts are one path segment per distinct run-time
 * value in those fields: a parameter's value, and for a property of another step, the name of the
 * job that made it (`Steps.Prepare.ProcessingJobName`), which is new whenever that step runs
 * again and the same when it is reused from the cache, whatever the output URI looks like.
 *
 * So a retry inside one execution (a retry policy, RetryPipelineExecution) and a later execution
 * with the same inputs resume from the checkpoints already written, while new data, code or
 * hyperparameters start in a folder of their own: a job never resumes from another
 * configuration's checkpoint.
 */
import type { Json } from '../../expr/types.js';
import { sha256Hex } from '../../assets/hash.js';
import { DOCUMENTED_CACHE_KEYS } from '../../check/cache-keys.js';
import { valueRefs } from '../../check/value-refs.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { StepServices } from '../types.js';

/** The Training key's fields other than CheckpointConfig itself. */
const KEY_FIELDS = (DOCUMENTED_CACHE_KEYS.Training ?? []).map((a) => a.name).filter((name) => name !== 'CheckpointConfig');

/** Properties that belong to the job a step ran, so the job's name stands for them. */
const JOB_NAME_BY_PROPERTY: readonly [RegExp, string][] = [
  [/^(ProcessingOutputConfig|ProcessingInputs|ProcessingJob|PropertyFiles)\b/, 'ProcessingJobName'],
  [/^(ModelArtifacts|FinalMetricDataList|OutputDataConfig|TrainingJob)\b/, 'TrainingJobName'],
  [/^(TransformOutput|TransformJob)\b/, 'TransformJobName'],
  [/^(BestTrainingJob|TrainingJobSummaries|TrainingJobDefinition|HyperParameterTuningJob)\b/, 'HyperParameterTuningJobName'],
  [/^(BestCandidate|AutoMLJob)\b/, 'AutoMLJobName'],
];

export const CHECKPOINTS_FOLDER = 'checkpoints';
export const CHECKPOINT_HASH_LENGTH = 16;

export function defaultCheckpointUri(ctx: StepServices, args: Record<string, Json>): Json {
  const fields: Record<string, Json> = {};
  for (const name of KEY_FIELDS) if (args[name] !== undefined) fields[name] = args[name] as Json;
  return keyedUri(ctx, CHECKPOINTS_FOLDER, fields);
}

/**
 * `<artifacts>/<folder>/<step>/<hash of key fields>/<run-time parts>`: a default location inside
 * a cache-key field that is a function of the rest of the key, as for checkpoints above (the check
 * steps' results use it too: their output location is part of their key).
 */
export function keyedUri(ctx: StepServices, folder: string, fields: Record<string, Json>): Json {
  const hash = sha256Hex(canonicalJson(fields)).slice(0, CHECKPOINT_HASH_LENGTH);
  return ctx.artifactsUri(folder, ctx.name, hash, ...runIdentity(fields));
}

/** One expression per distinct run-time value, in the order they first appear. */
function runIdentity(fields: Json): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const ref of valueRefs(fields)) {
    const get = identityOf(ref.get);
    if (get === undefined || seen.has(get)) continue;
    seen.add(get);
    out.push({ Get: get });
  }
  return out;
}

function identityOf(get: string): string | undefined {
  const [root, step, ...rest] = get.split('.');
  // The pipeline's own name and ARN never change; the rest of Execution.* is per execution.
  if (root === 'Execution') return step === 'PipelineName' || step === 'PipelineArn' ? undefined : get;
  if (root !== 'Steps' || step === undefined) return get;
  const property = rest.join('.');
  const job = JOB_NAME_BY_PROPERTY.find(([pattern]) => pattern.test(property))?.[1];
  return job ? `Steps.${step}.${job}` : get;
}
