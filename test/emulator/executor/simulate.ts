/**
 * What a simulated job leaves behind: the step metadata ListPipelineExecutionSteps shows (job
 * ARNs) and the properties downstream references read (the Describe* response shape: the
 * resolved request plus the job's name, ARN and outputs), with configured outputs merged last.
 */
import { randomBytes } from 'node:crypto';
import type { FlatStep } from '../definition/parse.js';
import type { JsonObject } from '../definition/refs.js';

interface JobKind { metadataKey: string; arnType: string; nameField: string; arnField: string }

const JOBS: Record<string, JobKind> = {
  Processing: { metadataKey: 'ProcessingJob', arnType: 'processing-job', nameField: 'ProcessingJobName', arnField: 'ProcessingJobArn' },
  Training: { metadataKey: 'TrainingJob', arnType: 'training-job', nameField: 'TrainingJobName', arnField: 'TrainingJobArn' },
  Transform: { metadataKey: 'TransformJob', arnType: 'transform-job', nameField: 'TransformJobName', arnField: 'TransformJobArn' },
  Tuning: { metadataKey: 'TuningJob', arnType: 'hyper-parameter-tuning-job', nameField: 'HyperParameterTuningJobName', arnField: 'HyperParameterTuningJobArn' },
  AutoML: { metadataKey: 'AutoMLJob', arnType: 'automl-job', nameField: 'AutoMLJobName', arnField: 'AutoMLJobArn' },
  Model: { metadataKey: 'Model', arnType: 'model', nameField: 'ModelName', arnField: 'ModelArn' },
  RegisterModel: { metadataKey: 'RegisterModel', arnType: 'model-package', nameField: 'ModelPackageName', arnField: 'ModelPackageArn' },
  EndpointConfig: { metadataKey: 'EndpointConfig', arnType: 'endpoint-config', nameField: 'EndpointConfigName', arnField: 'EndpointConfigArn' },
  Endpoint: { metadataKey: 'Endpoint', arnType: 'endpoint', nameField: 'EndpointName', arnField: 'EndpointArn' },
};

export interface JobIds { region: string; accountId: string; executionId: string }

/** pipelines-<execution id>-<step>-<random>, lower case and at most 63 characters, like the service. */
export function jobName(step: string, executionId: string): string {
  const suffix = randomBytes(5).toString('hex');
  const room = 63 - 'pipelines-'.length - executionId.length - suffix.length - 2;
  return `pipelines-${executionId}-${step.slice(0, Math.max(room, 1))}-${suffix}`.toLowerCase();
}

export function simulateJob(step: FlatStep, args: JsonObject, name: string, ids: JobIds, outputs: Record<string, unknown> = {}):
{ metadata: Record<string, unknown>; properties: Record<string, unknown> } {
  const kind = JOBS[step.type];
  if (!kind) return { metadata: {}, properties: deepMerge({ ...args }, outputs) };
  const given = args[kind.nameField];
  const resource = typeof given === 'string' ? given : name;
  const arn = `arn:aws:sagemaker:${ids.region}:${ids.accountId}:${kind.arnType}/${arnResource(step.type, resource, args)}`;
  const properties: Record<string, unknown> = { ...args, [kind.nameField]: resource, [kind.arnField]: arn, ...extras(step.type, args, resource) };
  return { metadata: { [kind.metadataKey]: { Arn: arn } }, properties: deepMerge(properties, outputs) };
}

function arnResource(type: string, name: string, args: JsonObject): string {
  if (type !== 'RegisterModel') return name.toLowerCase();
  const group = typeof args['ModelPackageGroupName'] === 'string' ? args['ModelPackageGroupName'] : name;
  return `${group.toLowerCase()}/1`;
}

/** The outputs a finished job of this type reports in its Describe* response. */
function extras(type: string, args: JsonObject, name: string): Record<string, unknown> {
  switch (type) {
    case 'Training': {
      const output = (args['OutputDataConfig'] as JsonObject | undefined)?.['S3OutputPath'];
      const base = typeof output === 'string' ? output.replace(/\/$/, '') : 's3://sagemaker-emulator/output';
      return { TrainingJobStatus: 'Completed', ModelArtifacts: { S3ModelArtifacts: `${base}/${name}/output/model.tar.gz` }, FinalMetricDataList: [] };
    }
    case 'Processing': return { ProcessingJobStatus: 'Completed' };
    case 'Transform': return { TransformJobStatus: 'Completed' };
    case 'RegisterModel': return { ModelPackageStatus: 'Completed' };
    case 'Endpoint': return { EndpointStatus: 'InService' };
    default: return {};
  }
}

/** Objects merge key by key; anything else (lists included) is replaced. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    const bothObjects = [current, value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
    out[key] = bothObjects ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/** A Lambda step's output parameters: configured values, else a zero value of the declared type. */
export function lambdaOutputs(step: FlatStep, outputs: Record<string, unknown> = {}): Array<{ Name: string; Value: string }> {
  const declared = Array.isArray(step.raw['OutputParameters']) ? step.raw['OutputParameters'] : [];
  const zero: Record<string, string> = { String: '', Integer: '0', Float: '0.0', Boolean: 'false' };
  return declared.map((o) => {
    const { OutputName, OutputType } = o as { OutputName: string; OutputType?: string };
    const value = outputs[OutputName];
    return { Name: OutputName, Value: value === undefined ? zero[OutputType ?? 'String'] ?? '' : String(value) };
  });
}
