/**
 * `smpipe preflight`, also run by upsert (when it is about to change the pipeline) and start:
 * the things a run needs that only AWS can say, checked before anything is written or started, so
 * a quota of 0 for ml.g5.48xlarge is found before days of labeling are paid for. Every finding
 * has a code and a fix; lacking permission to look something up is a warning, never a failure.
 */
import type { Json } from '../../expr/types.js';
import { EXPERIMENTS_REGIONS } from '../../compile/experiment-regions.js';
import type { AwsOptions, Clients } from '../clients.js';
import { mapLimit } from '../concurrency.js';
import { estimateCost, type CostEstimate } from '../cost.js';
import { instanceUses } from '../instance-use.js';
import { PreflightClients } from './clients.js';
import { finding, sortFindings, type Finding } from './findings.js';
import { checkQuotas } from './quotas.js';
import { checkBucket, checkLambda, checkQueue, checkSecret, checkWorkteam, namedResources } from './resources.js';
import { checkRole, rolesOf } from './roles.js';

export interface PreflightInput {
  pipeline: string;
  definition: Json;
  /** The pipeline's role (the manifest's, or the deployed pipeline's). */
  role: string | null | undefined;
  /** The artifacts prefix (s3://bucket/…), when known: its bucket is checked. */
  artifacts?: string | undefined;
  /** start's --param values: the instance types a run gets. */
  parameters?: Readonly<Record<string, string>>;
  /** start --from: only these steps run, so only they are checked and priced. */
  steps?: readonly string[];
}

export interface PreflightReport {
  pipeline: string;
  region: string;
  findings: Finding[];
  /** What was looked at, for the summary line. */
  checked: string[];
  cost: CostEstimate;
}

export async function runPreflight(clients: Clients, aws: AwsOptions, input: PreflightInput): Promise<PreflightReport> {
  const more = new PreflightClients(aws, clients.region);
  try {
    const only = input.steps ? new Set(input.steps) : undefined;
    const uses = instanceUses(input.definition, input.parameters).filter((u) => !only || only.has(u.step));
    const named = namedResources(input.definition, only);
    const roles = rolesOf(input.definition, input.role, only);
    const each = (items: string[], check: (item: string) => Promise<Finding[]>) => mapLimit(items, 4, check).then((r) => r.flat());
    const [quotas, ...rest] = await Promise.all([
      checkQuotas(more, uses),
      each(roles, (arn) => checkRole(more, arn)),
      input.artifacts ? checkBucket(clients, input.artifacts) : Promise.resolve([]),
      each(named.queues, (url) => checkQueue(more, url)),
      each(named.workteams, (arn) => checkWorkteam(clients, arn)),
      each(named.lambdas, (arn) => checkLambda(more, arn)),
      each(named.secrets, (arn) => checkSecret(more, arn)),
    ]);
    const cost = estimateCost(input.definition, clients.region, input.parameters, only);
    const findings = [...quotas.findings, ...rest.flat(), ...experimentFindings(input.definition, clients.region), ...costFindings(cost)];
    const checked = [
      `${quotas.checked} instance quota${quotas.checked === 1 ? '' : 's'}`, count(roles.length, 'role'), ...(input.artifacts ? ['the artifacts bucket'] : []),
      count(named.queues.length, 'queue'), count(named.workteams.length, 'work team'), count(named.lambdas.length, 'Lambda'), count(named.secrets.length, 'secret'), 'Experiments',
    ];
    return { pipeline: input.pipeline, region: clients.region, findings: sortFindings(findings), checked, cost };
  } finally {
    more.destroy();
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** PipelineExperimentConfig where Experiments does not exist fails every execution; without it, a note. */
export function experimentFindings(definition: Json, region: string): Finding[] {
  if (EXPERIMENTS_REGIONS.has(region)) return [];
  if ((definition as { PipelineExperimentConfig?: unknown }).PipelineExperimentConfig !== undefined) {
    return [finding('SMP9050', `the definition records executions in SageMaker Experiments (PipelineExperimentConfig), which ${region} does not have: executions would fail`, `compile with vars.region set to ${region} (the default then leaves it out), or set experiment: false in the spec`)];
  }
  return [finding('SMP9051', `note: SageMaker Experiments is not in ${region}: executions are not recorded as experiments (the default experiment config was left out)`)];
}

function costFindings(cost: CostEstimate): Finding[] {
  const unbounded = cost.steps.filter((s) => s.unbounded).map((s) => finding('SMP9052', `${s.step}: no maxRuntime: a job that hangs runs up to the API's limit of 216 h`, `set maxRuntime: (seconds) on the step`));
  const unpriced = cost.unpriced.map((u) => finding('SMP9053', `${u.step}: no ${cost.region} price for ${u.type} in smpipe's table: the cost estimate leaves it out`, 'add it to src/deploy/prices.ts with its source'));
  return [...unbounded, ...unpriced];
}
