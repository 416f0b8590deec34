import { randomUUID } from 'node:crypto';
import { StartPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import { describePipeline } from './deployed.js';
import { DeployError } from './errors.js';
import { rulesFromDefinition, type ParameterRule, type ParameterValue } from './parameters.js';

export interface StartRequest {
  pipeline: string;
  parameters: ParameterValue[];
  displayName?: string;
  description?: string;
}

/**
 * StartPipelineExecution. The token is new for each `smpipe start` (two starts are two runs) and
 * fixed across the SDK's retries of this one request (a retried start does not run twice).
 */
export async function startExecution(clients: Clients, request: StartRequest): Promise<string> {
  const out = await callAws({ action: 'sagemaker:StartPipelineExecution', resource: `pipeline ${request.pipeline}`, region: clients.region }, () =>
    clients.sagemaker.send(new StartPipelineExecutionCommand({
      PipelineName: request.pipeline,
      PipelineParameters: request.parameters,
      ClientRequestToken: randomUUID(),
      ...(request.displayName ? { PipelineExecutionDisplayName: request.displayName } : {}),
      ...(request.description ? { PipelineExecutionDescription: request.description } : {}),
    })));
  return out.PipelineExecutionArn as string;
}

/** The parameters of a deployed pipeline, from its definition (for `smpipe start NAME`). */
export async function deployedParameterRules(clients: Clients, name: string): Promise<ParameterRule[]> {
  const described = await describePipeline(clients, name);
  if (!described) throw notDeployed(name, clients.region);
  let definition: unknown;
  try {
    definition = JSON.parse(described.PipelineDefinition ?? '{}');
  } catch {
    definition = {};
  }
  return rulesFromDefinition(definition as never);
}

export function notDeployed(name: string, region: string): DeployError {
  return new DeployError('SMP9009', `pipeline ${name} does not exist in ${region}`, 'create it with smpipe upsert SPEC (make upsert), or check --region / AWS_REGION');
}
