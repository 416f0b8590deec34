import type { CreateLabelingJobRequest } from '@aws-sdk/client-sagemaker';
import { checkRequestShape } from '../../src/check/api-shapes/check.js';
import { formatProblem } from '../../src/diagnostics/messages.js';
import { asExpression } from '../../src/check/api-shapes/expr.js';
import { describe } from '../../src/check/api-shapes/types.js';
import { EXECUTION_TAG, TOKEN_TAG, type Tag } from './tags.js';

/**
 * The step's arguments are a CreateLabelingJob request minus LabelingJobName (smpipe's
 * ground-truth kind compiles them so, and checks them against the API shape). The bridge adds
 * the name and its tags, and turns numbers that arrive as strings back into numbers: a pipeline
 * parameter resolved into a callback message may come as text.
 *
 * Nothing in a callback message is trusted (whoever may send to the queue wrote it): every field
 * is checked before it is used, and the finished request is checked against the SageMaker API
 * shape smpipe's compiler checks it against (src/check/api-shapes), so the SDK never meets a
 * value of the wrong type (it would throw while serialising, not answer) and unknown members are
 * refused rather than forwarded.
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
  const missing = REQUIRED.filter((path) => !nonEmptyString(fieldAt(args, path))).map((path) => path.join('.'));
  if (missing.length) return { ok: false, reason: `the step's arguments lack ${missing.join(', ')} (compile the spec with smpipe's ground-truth kind)` };
  const given = args.Tags ?? [];
  if (!Array.isArray(given)) return { ok: false, reason: `Tags must be a list of {"Key", "Value"} strings, not ${describe(given)}` };
  const badTag = given.findIndex((t) => !isTag(t));
  if (badTag >= 0) return { ok: false, reason: `Tags item ${badTag} must be {"Key", "Value"} strings, not ${describe(given[badTag])}` };
  const human = { ...(args.HumanTaskConfig as Record<string, unknown>) };
  for (const key of NUMBERS) {
    if (human[key] === undefined) continue;
    const value = typeof human[key] === 'string' || typeof human[key] === 'number' ? Number(human[key]) : NaN;
    if (!Number.isSafeInteger(value)) return { ok: false, reason: `HumanTaskConfig.${key} is not an integer: ${describe(human[key])}` };
    human[key] = value;
  }
  const tags: Tag[] = [...(given as Tag[]).filter((t) => t.Key !== TOKEN_TAG && t.Key !== EXECUTION_TAG), { Key: TOKEN_TAG, Value: token }];
  if (executionArn.length <= MAX_TAG_VALUE) tags.push({ Key: EXECUTION_TAG, Value: executionArn });
  const request = { ...args, LabelingJobName: name, HumanTaskConfig: human, Tags: tags };
  const findings = shapeFindings(request);
  if (findings.length) return { ok: false, reason: `the request does not fit the SageMaker API: ${findings.join('; ')}` };
  // SageMaker resolves Get/Std:Join/Std:JsonGet before it sends the message: one still here was forged.
  if (holdsExpression(request)) return { ok: false, reason: 'the arguments hold an unresolved pipeline expression' };
  return { ok: true, request: request as unknown as CreateLabelingJobRequest };
}

/**
 * The API-shape check's messages. It was written for compiled specs; a key it does not expect of
 * a sender (say "__proto__", which JSON.parse makes an own key) must not turn into an exception
 * here, where an exception would leave the step unanswered: it becomes a finding like any other.
 */
function shapeFindings(request: Record<string, unknown>): string[] {
  try {
    return checkRequestShape('CreateLabelingJobRequest', request, { exprType: () => 'any' }).map((f) => formatProblem(f.problem).message);
  } catch (error) {
    return [`it could not be checked (${(error as Error).message})`];
  }
}

/** The value at a path of member names, own properties only (a message's "constructor" is data). */
export function fieldAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

/** Only called on a request that fits the API shape, so its depth is the model's, not the sender's. */
function holdsExpression(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  return asExpression(value) !== undefined || Object.values(value).some(holdsExpression);
}

function isTag(value: unknown): value is Tag {
  return value !== null && typeof value === 'object' && typeof (value as Tag).Key === 'string' && typeof (value as Tag).Value === 'string';
}
