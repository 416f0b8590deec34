/**
 * Request validation the way SageMaker's front end does it before any handler runs: required
 * members, lengths, patterns and enums from the API model, all reported in one
 * "N validation errors detected: …" message with lowerCamel member paths.
 */
import { validationError } from './errors.js';

export interface Rule {
  /** Member path, e.g. 'PipelineName' or 'PipelineDefinitionS3Location.Bucket'. */
  path: string;
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: Pattern;
  enum?: readonly string[];
  /** For numbers: the smallest value. */
  minValue?: number;
}

// Patterns of the SageMaker API model (botocore sagemaker 2017-07-24). Messages print them with the
// leading ^ and without the $, as the service does.
/** A model pattern, matched anchored and printed as the service prints it (with ^, without $). */
export interface Pattern { test(value: string): boolean; text: string }
const anchored = (pattern: string): Pattern => {
  const regex = new RegExp(`^${pattern}$`);
  return { test: (value) => regex.test(value), text: `^${pattern}` };
};
export const PIPELINE_NAME = anchored(String.raw`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}`);
export const PIPELINE_NAME_OR_ARN = anchored(String.raw`(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:([0-9]{12}|aws):pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255})`);
export const ROLE_ARN = anchored(String.raw`arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`);
export const EXECUTION_ARN = anchored(String.raw`arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:pipeline\/.*\/execution\/.*`);
export const EXECUTION_DISPLAY_NAME = anchored(String.raw`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}`);
export const CALLBACK_TOKEN = anchored('[a-zA-Z0-9]+');
export const LABELING_JOB_NAME = anchored(String.raw`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`);
export const LABEL_ATTRIBUTE_NAME = anchored(String.raw`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}`);
export const PARAMETER_NAME = anchored(String.raw`[A-Za-z0-9\-_]*`);
export const BUCKET = anchored(String.raw`[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]`);
export const S3_URI = anchored(String.raw`(https|s3)://([^/]+)/?(.*)`);
export const SORT_ORDER = ['Ascending', 'Descending'] as const;

/** ClientRequestToken: the SDK fills it in when the caller does not. */
export const TOKEN_RULE = (required: boolean): Rule => ({ path: 'ClientRequestToken', required, min: 32, max: 128 });

export function checkRules(params: Record<string, unknown>, rules: readonly Rule[]): void {
  report(rules.flatMap((rule) => problemsOf(rule, lookup(params, rule.path), memberPath(rule.path))));
}

function report(problems: string[]): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
  throw validationError(`${count} detected: ${problems.join('; ')}`);
}

function lookup(params: Record<string, unknown>, path: string): unknown {
  let value: unknown = params;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** 'PipelineDefinitionS3Location.Bucket' → 'pipelineDefinitionS3Location.bucket' */
function memberPath(path: string): string {
  return path.split('.').map((p) => p[0]!.toLowerCase() + p.slice(1)).join('.');
}

/** Long values (a 2 MiB definition) are left out of the message, as the service does. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 256 ? 'Value' : `Value '${text}'`;
}

function problemsOf(rule: Rule, value: unknown, shownPath: string): string[] {
  const at = `at '${shownPath}' failed to satisfy constraint: Member must`;
  if (value === undefined || value === null) return rule.required ? [`Value null ${at} not be null`] : [];
  const out: string[] = [];
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (length !== undefined && rule.min !== undefined && length < rule.min) out.push(`${shown(value)} ${at} have length greater than or equal to ${rule.min}`);
  if (length !== undefined && rule.max !== undefined && length > rule.max) out.push(`${shown(value)} ${at} have length less than or equal to ${rule.max}`);
  if (typeof value === 'string' && rule.pattern && !rule.pattern.test(value)) out.push(`${shown(value)} ${at} satisfy regular expression pattern: ${rule.pattern.text}`);
  if (typeof value === 'string' && rule.enum && !rule.enum.includes(value)) out.push(`${shown(value)} ${at} satisfy enum value set: [${rule.enum.join(', ')}]`);
  if (typeof value === 'number' && rule.minValue !== undefined && value < rule.minValue) out.push(`${shown(value)} ${at} have value greater than or equal to ${rule.minValue}`);
  return out;
}

/** Each element of a list member, reported as the service does: 'pipelineParameters.2.member.name'. */
export function checkEach(list: unknown, listPath: string, rules: readonly Rule[]): void {
  if (!Array.isArray(list)) return;
  report(list.flatMap((item, i) => rules.flatMap((rule) => {
    const value = item && typeof item === 'object' ? lookup(item as Record<string, unknown>, rule.path) : undefined;
    return problemsOf(rule, value, `${memberPath(listPath)}.${i + 1}.member.${memberPath(rule.path)}`);
  })));
}
