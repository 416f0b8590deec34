/** What expressions of one execution can see: its parameters, variables, finished steps and S3. */
import type { FlatStep } from '../definition/parse.js';
import { isObject } from '../definition/refs.js';
import { parseS3Uri, type MotoClient } from '../moto-client.js';
import type { Execution } from './model.js';
import { readPath } from './paths.js';
import { ResolveError, type ResolveScope } from './resolver.js';

/** The step being resolved, for Execution.ProcessingJobName / TrainingJobName. */
export interface CurrentJob { type: string; name: string }

export function executionScope(execution: Execution, moto: MotoClient, current?: CurrentJob): ResolveScope {
  const variables: Record<string, string | undefined> = {
    PipelineExecutionId: execution.id,
    PipelineExecutionArn: execution.arn,
    PipelineName: execution.pipelineName,
    PipelineArn: execution.pipelineArn,
    StartDateTime: new Date(execution.creationTime).toISOString(),
    CurrentDateTime: new Date().toISOString(),
    ProcessingJobName: current?.type === 'Processing' ? current.name : undefined,
    TrainingJobName: current?.type === 'Training' ? current.name : undefined,
  };
  const readJson = (uri: string): Promise<unknown> => readS3Json(moto, uri);
  return {
    parameters: execution.parameters,
    execution: (name) => variables[name],
    step: (name) => execution.runs.get(name)?.status === 'Succeeded' ? execution.runs.get(name)?.properties : undefined,
    readJson,
    propertyFile: (step, file) => propertyFile(execution, step, file, readJson),
  };
}

async function readS3Json(moto: MotoClient, uri: string): Promise<unknown> {
  const location = parseS3Uri(uri);
  if (!location) throw new ResolveError(`'${uri}' is not an S3 URI.`);
  const bytes = await moto.s3Get(location.bucket, location.key);
  if (bytes === undefined) return undefined;
  try { return JSON.parse(bytes.toString('utf8')); } catch { throw new ResolveError(`${uri} is not valid JSON.`); }
}

/**
 * A processing step's property file: the JSON at its output's S3 URI + FilePath when that object
 * exists in the emulated S3, else the value configured with outputs.PropertyFiles.<name>.
 */
async function propertyFile(execution: Execution, stepName: string, file: string, readJson: (uri: string) => Promise<unknown>): Promise<unknown> {
  const run = execution.runs.get(stepName);
  if (!run || run.status !== 'Succeeded') throw new ResolveError(`Property file '${file}' of step '${stepName}': the step has not succeeded.`);
  const step = execution.definition.byName.get(stepName);
  const uri = step ? propertyFileUri(step, run.properties, file) : undefined;
  const stored = uri === undefined ? undefined : await readJson(uri);
  if (stored !== undefined) return stored;
  const configured = readPath(run.properties, `PropertyFiles.${file}`);
  if (configured !== undefined) return configured;
  throw new ResolveError(`Property file '${file}' of step '${stepName}' was not found at ${uri ?? '(no such property file)'} ` +
    `and no value is configured for it (outputs.PropertyFiles.${file}).`);
}

function propertyFileUri(step: FlatStep, properties: Record<string, unknown>, file: string): string | undefined {
  const declared = Array.isArray(step.raw['PropertyFiles']) ? step.raw['PropertyFiles'] : [];
  const entry = declared.find((p) => isObject(p) && p['PropertyFileName'] === file);
  if (!isObject(entry)) return undefined;
  const base = readPath(properties, `ProcessingOutputConfig.Outputs['${String(entry['OutputName'])}'].S3Output.S3Uri`);
  if (typeof base !== 'string') return undefined;
  return `${base.replace(/\/$/, '')}/${String(entry['FilePath'] ?? '').replace(/^\//, '')}`;
}
