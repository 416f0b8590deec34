/**
 * Service Quotas for every instance type × count the pipeline can use. SageMaker names its
 * per-instance quotas "<type> for <usage> usage" (training job, spot training job, processing job,
 * endpoint, transform job); many accounts start at 0 for the large GPU types, which a run would
 * otherwise discover when TrainDPO starts, after the labeling is paid for.
 *
 * ListServiceQuotas gives the applied values only ("If the applied quota value is not available
 * for a quota, the quota is not retrieved", API reference), so the defaults of
 * ListAWSDefaultServiceQuotas fill in the rest. A type the parameters allow but the run does not
 * choose is a warning (SMP9041); the one the run gets, an error (SMP9040).
 */
import type { ServiceQuota, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { quotaName, type InstanceUse } from '../instance-use.js';
import type { PreflightClients } from './clients.js';
import { couldNotCheck, finding, type Finding } from './findings.js';

interface Need { needed: number; chosen: boolean; steps: Set<string> }

/** Quota name → the largest count any step asks for, whether a run gets it, and the steps. */
export function quotaNeeds(uses: InstanceUse[]): Map<string, Need> {
  const needs = new Map<string, Need>();
  for (const use of uses) {
    for (const choice of use.choices) {
      const name = quotaName(choice.type, use.usage);
      const need = needs.get(name) ?? { needed: 0, chosen: false, steps: new Set<string>() };
      need.needed = Math.max(need.needed, use.count);
      need.chosen ||= choice.chosen;
      need.steps.add(use.step);
      needs.set(name, need);
    }
  }
  return needs;
}

export async function checkQuotas(clients: PreflightClients, uses: InstanceUse[]): Promise<{ findings: Finding[]; checked: number }> {
  const needs = quotaNeeds(uses);
  if (!needs.size) return { findings: [], checked: 0 };
  try {
    const client = await clients.quotas();
    const values = await listQuotas(client, false);
    if ([...needs.keys()].some((name) => !values.has(name))) {
      for (const [name, value] of await listQuotas(client, true)) if (!values.has(name)) values.set(name, value);
    }
    return { findings: [...needs].flatMap(([name, need]) => judge(name, need, values.get(name), clients.region)), checked: needs.size };
  } catch (error) {
    return { findings: [couldNotCheck('Service Quotas for SageMaker instances', 'servicequotas:ListServiceQuotas', error)], checked: 0 };
  }
}

function judge(name: string, need: Need, value: number | undefined, region: string): Finding[] {
  const steps = [...need.steps].join(', ');
  if (value === undefined) {
    return [finding('SMP9042', `${steps}: no quota "${name}" in ${region}: the instance type may not be offered there`, 'pick an instance type SageMaker offers in the region (Service Quotas console → Amazon SageMaker lists them)')];
  }
  if (value >= need.needed) return [];
  const message = `${steps}: request a quota increase for ${name}: current ${value}, needed ${need.needed}`;
  const fix = `Service Quotas console → AWS services → Amazon SageMaker → "${name}" → Request increase at account level to ${need.needed} (region ${region})`;
  return [need.chosen ? finding('SMP9040', message, fix) : finding('SMP9041', `${message} (only a run that picks it; the default does not)`, fix)];
}

/** Every page of applied (or default) SageMaker quotas, by name. */
async function listQuotas(client: ServiceQuotasClient, defaults: boolean): Promise<Map<string, number>> {
  const { ListAWSDefaultServiceQuotasCommand, ListServiceQuotasCommand } = await import('@aws-sdk/client-service-quotas');
  const out = new Map<string, number>();
  let token: string | undefined;
  do {
    const input = { ServiceCode: 'sagemaker', MaxResults: 100, ...(token ? { NextToken: token } : {}) };
    const page = defaults ? await client.send(new ListAWSDefaultServiceQuotasCommand(input)) : await client.send(new ListServiceQuotasCommand(input));
    for (const quota of (page.Quotas ?? []) as ServiceQuota[]) if (quota.QuotaName && quota.Value !== undefined) out.set(quota.QuotaName, quota.Value);
    token = page.NextToken;
  } while (token);
  return out;
}
