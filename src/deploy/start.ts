import { randomUUID } from 'node:crypto';
import { DescribePipelineExecutionCommand, RetryPipelineExecutionCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import type { Json } from '../expr/types.js';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import { describePipeline, parseDefinition } from './deployed.js';
import { DeployError } from './errors.js';
import { rulesFromDefinition, type ParameterRule, type ParameterValue } from './parameters.js';

export interface StartRequest {
  pipeline: string;
  parameters: ParameterValue[];
  displayName?: string;
  description?: string;
  /** start --version: PipelineVersionId. */
  versionId?: number;
  /** start --from: the steps to run and the execution the others are reused from. */
  selective?: { source: string; steps: string[] };
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
      ...(request.versionId ? { PipelineVersionId: request.versionId } : {}),
      ...(request.selective ? { SelectiveExecutionConfig: { SourcePipelineExecutionArn: request.selective.source, SelectedSteps: request.selective.steps.map((StepName) => ({ StepName })) } } : {}),
    })));
  return out.PipelineExecutionArn as string;
}

/** A deployed pipeline's definition (of one version, when given), its text and role. */
export interface DeployedDefinition {
  definition: Json;
  definitionText: string;
  role: string | undefined;
}

export async function deployedDefinition(clients: Clients, name: string, versionId?: number): Promise<DeployedDefinition> {
  const described = await describePipeline(clients, name, versionId);
  if (!described) {
    if (versionId === undefined) throw notDeployed(name, clients.region);
    throw new DeployError('SMP9009', `pipeline ${name} has no version ${versionId} in ${clients.region} (or does not exist)`, 'versions count from 1 and grow with each upsert that changes the pipeline; check the number in the console');
  }
  const text = described.PipelineDefinition ?? '{}';
  return { definition: parseDefinition(text) ?? {}, definitionText: text, role: described.RoleArn };
}

/** The parameters of a deployed pipeline, from its definition (for `smpipe start NAME`). */
export async function deployedParameterRules(clients: Clients, name: string): Promise<ParameterRule[]> {
  return rulesFromDefinition((await deployedDefinition(clients, name)).definition);
}

/**
 * RetryPipelineExecution: the failed steps of a Failed execution run again, in the same execution
 * (the same execution id, so a training step finds its checkpoints). Anything but Failed is
 * refused here with SMP9039, before the call.
 */
export async function retryExecution(clients: Clients, arn: string): Promise<string> {
  const call = { action: 'sagemaker:DescribePipelineExecution', resource: arn, region: clients.region };
  const described = await callAws(call, () => clients.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })));
  const status = described.PipelineExecutionStatus ?? 'Unknown';
  if (status !== 'Failed') {
    throw new DeployError('SMP9039', `execution ${arn} is ${status}; only a Failed execution can be retried`, status === 'Succeeded' ? 'nothing failed: start a new execution, or re-run from a step with smpipe start --from STEP' : 'wait for it to end (smpipe watch); a stopped execution is re-run with smpipe start --from STEP');
  }
  const out = await callAws({ action: 'sagemaker:RetryPipelineExecution', resource: arn, region: clients.region }, () =>
    clients.sagemaker.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: randomUUID() })));
  return out.PipelineExecutionArn ?? arn;
}

export function notDeployed(name: string, region: string): DeployError {
  return new DeployError('SMP9009', `pipeline ${name} does not exist in ${region}`, 'create it with smpipe upsert SPEC (make upsert), or check --region / AWS_REGION');
}
