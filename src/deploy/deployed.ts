import { DescribePipelineCommand, ListTagsCommand, type DescribePipelineCommandOutput } from '@aws-sdk/client-sagemaker';
import type { Json } from '../expr/types.js';
import { explainAwsError } from './explain-error.js';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import type { PipelineSettingsState } from './desired.js';
import { asAwsError, errorName } from './errors.js';

/** The pipeline as SageMaker has it now (DescribePipeline). */
export interface DescribedPipeline {
  arn: string;
  name: string;
  /** Parsed PipelineDefinition; undefined when the service's copy is not JSON. */
  definition: Json | undefined;
  settings: PipelineSettingsState;
}

/** ...and its tags (ListTags). */
export interface DeployedPipeline extends DescribedPipeline {
  tags: Record<string, string>;
}

/** DescribePipeline, as plan needs it; null when there is no such pipeline. */
export async function readDeployed(clients: Clients, name: string): Promise<DescribedPipeline | null> {
  const described = await describePipeline(clients, name);
  if (!described) return null;
  return {
    arn: described.PipelineArn as string,
    name: described.PipelineName ?? name,
    definition: parseDefinition(described.PipelineDefinition),
    settings: {
      role: described.RoleArn ?? null,
      displayName: described.PipelineDisplayName || name,
      description: described.PipelineDescription ?? '',
      parallelism: described.ParallelismConfiguration?.MaxParallelExecutionSteps ?? null,
    },
  };
}

/** DescribePipeline (of one version, when given); null when there is no such pipeline or version. */
export async function describePipeline(clients: Clients, name: string, versionId?: number): Promise<DescribePipelineCommandOutput | null> {
  const call = { action: 'sagemaker:DescribePipeline', resource: `pipeline ${name}${versionId ? ` version ${versionId}` : ''}`, region: clients.region };
  try {
    return await clients.sagemaker.send(new DescribePipelineCommand({ PipelineName: name, ...(versionId ? { PipelineVersionId: versionId } : {}) }));
  } catch (error) {
    if (isPipelineMissing(error)) return null;
    throw explainAwsError(error, call);
  }
}

/**
 * SageMaker answers ResourceNotFound for a missing pipeline; some emulators (moto) answer a
 * ValidationException saying it does not exist. Both mean "absent".
 */
export function isPipelineMissing(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ResourceNotFound' || name === 'ResourceNotFoundException') return true;
  return name === 'ValidationException' && /does not exist|not found|could not find/i.test(asAwsError(error).message ?? '');
}

/** Every page of ListTags for the pipeline's ARN. */
export async function listTags(clients: Clients, arn: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await callAws({ action: 'sagemaker:ListTags', resource: arn, region: clients.region }, () =>
      clients.sagemaker.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100, ...(token ? { NextToken: token } : {}) })));
    for (const tag of page.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
    token = page.NextToken;
  } while (token);
  return tags;
}

export function parseDefinition(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
