import type { CreateLabelingJobRequest } from '@aws-sdk/client-sagemaker';
import { EXECUTION_TAG, TOKEN_TAG, type Tag } from './tags.js';

/**
 * The step's arguments are a CreateLabelingJob request minus LabelingJobName (smpipe's
 * ground-truth kind compiles them so, and checks them against the API shape). The bridge adds
 * the name and its tags, and turns numbers that arrive as strings back into numbers: a pipeline
 * parameter resolved into a callback message may come as text.
 */
export type RequestResult = { ok: true; request: CreateLabelingJobRequest } | { ok: false; reason: string };

const REQUIRED: readonly string[][] = [
  ['LabelAttributeName'],
  ['RoleArn'],
  ['InputConfig', 'DataSource', 'S3DataSource', 'ManifestS3Uri'],
  ['OutputConfig', 'S3OutputPath'],
  ['HumanTaskConfig', 'WorkteamArn'],
  ['HumanTaskConfig', 'UiConfig', 'UiTemplateS3Uri'],
  ['HumanTaskConfig', 'PreHumanTaskLambdaArn'],
  ['HumanTaskConfig', 'TaskTitle'],
  ['HumanTaskConfig', 'TaskDescription'],
  ['HumanTaskConfig', 'AnnotationConsolidationConfig', 'AnnotationConsolidationLambdaArn'],
];

const NUMBERS = ['NumberOfHumanWorkersPerDataObject', 'TaskTimeLimitInSeconds', 'TaskAvailabilityLifetimeInSeconds', 'MaxConcurrentTaskCount'] as const;

/** Tag values are at most 256 characters (TagValue). */
const MAX_TAG_VALUE = 256;

export function labelingJobRequest(args: Record<string, unknown>, name: string, token: string, executionArn: string): RequestResult {
  const missing = REQUIRED.filter((path) => !nonEmptyString(at(args, path))).map((path) => path.join('.'));
  if (missing.length) return { ok: false, reason: `the step's arguments lack ${missing.join(', ')} (compile the spec with smpipe's ground-truth kind)` };
  const human = { ...(args.HumanTaskConfig as Record<string, unknown>) };
  for (const key of NUMBERS) {
    if (human[key] === undefined) continue;
    const value = Number(human[key]);
    if (!Number.isInteger(value)) return { ok: false, reason: `HumanTaskConfig.${key} is not an integer: ${JSON.stringify(human[key])}` };
    human[key] = value;
  }
  const tags: Tag[] = [...((args.Tags as Tag[] | undefined) ?? []).filter((t) => t.Key !== TOKEN_TAG && t.Key !== EXECUTION_TAG), { Key: TOKEN_TAG, Value: token }];
  if (executionArn.length <= MAX_TAG_VALUE) tags.push({ Key: EXECUTION_TAG, Value: executionArn });
  const request = { ...args, LabelingJobName: name, HumanTaskConfig: human, Tags: tags } as unknown as CreateLabelingJobRequest;
  return { ok: true, request };
}

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
