import { INLINE_DEFINITION_LIMIT } from '../check/limits.js';
import type { FolderAsset } from '../compile/compiled-folder.js';
import { sortedJson } from '../util/canonical-json.js';
import { checkAssets, needsUpload, referencedUris, type AssetCheck } from './assets.js';
import type { Clients } from './clients.js';
import { listTags, readDeployed, type DeployedPipeline, type DescribedPipeline } from './deployed.js';
import type { DesiredPipeline, PipelineSettingsState } from './desired.js';
import { DeployError } from './errors.js';
import type { FieldDiff } from './json-diff.js';
import { settingChanges, tagChanges, hasTagChanges, type SettingChange, type TagChanges } from './settings-diff.js';
import { diffDefinitionSettings, diffSteps, flattenSteps, type StepChange } from './step-diff.js';
import { forecastCaching, type CacheForecast } from './cache-forecast.js';
import { estimateCost, type CostEstimate } from './cost.js';

export interface Plan {
  pipeline: string;
  region: string;
  deployed: DeployedPipeline | null;
  /** What happens to the pipeline itself (tags and uploads are separate). */
  action: 'create' | 'update' | 'none';
  definitionChanged: boolean;
  settings: SettingChange[];
  /** The settings the spec asks for (shown in full for a create). */
  desiredSettings: PipelineSettingsState;
  tags: TagChanges;
  steps: StepChange[];
  stepCount: number;
  /** Definition changes outside Steps: parameters, experiment config. */
  definitionFields: FieldDiff[];
  /** Every asset with its S3 state, plus the definition object when it goes through S3. */
  assets: AssetCheck[];
  /** Set when the definition is over the inline limit and is sent as an S3 object. */
  definitionObject?: FolderAsset;
  /** Which steps the next execution reuses from the cache, and why the others run. */
  caching: CacheForecast[];
  /** The most a run with default parameters can cost. */
  cost: CostEstimate;
}

export interface PlanOptions {
  inlineLimit?: number;
  /** HeadObject every asset, also those the deployed definition already references. */
  verifyAssets?: boolean;
}

/**
 * Reads the deployed pipeline and the assets' S3 state, and compares: no writes. DescribePipeline
 * comes first (its definition says which assets need no look); ListTags and the HeadObjects that
 * remain depend only on its answer, so they run together. An unchanged pipeline costs two requests.
 */
export async function makePlan(clients: Clients, desired: DesiredPipeline, options: PlanOptions = {}): Promise<Plan> {
  const described = await readDeployed(clients, desired.name);
  const definitionChanged = !described || sortedJson(described.definition) !== sortedJson(desired.definition);
  const settings = described ? settingChanges(described.settings, desired.settings) : [];
  const action = !described ? 'create' : definitionChanged || settings.length ? 'update' : 'none';
  if (action === 'create') requireRole(desired);
  const definitionObject = action !== 'none' ? overLimitDefinition(desired, options.inlineLimit ?? INLINE_DEFINITION_LIMIT) : undefined;
  const { deployed, assets } = await readRest(clients, described, definitionObject ? [...desired.assets, definitionObject] : desired.assets, options);
  return {
    pipeline: desired.name,
    region: clients.region,
    deployed,
    action,
    definitionChanged,
    settings,
    desiredSettings: desired.settings,
    tags: tagChanges(deployed?.tags ?? {}, desired.tags),
    steps: diffSteps(deployed?.definition, desired.definition),
    stepCount: flattenSteps(desired.definition).length,
    definitionFields: deployed ? diffDefinitionSettings(deployed.definition, desired.definition) : [],
    assets,
    ...(definitionObject ? { definitionObject } : {}),
    caching: forecastCaching(deployed?.definition, desired.definition),
    cost: estimateCost(desired.definition, clients.region),
  };
}

/** ListTags and the asset checks, in parallel. */
async function readRest(clients: Clients, described: DescribedPipeline | null, objects: FolderAsset[], options: PlanOptions): Promise<{ deployed: DeployedPipeline | null; assets: AssetCheck[] }> {
  const known = described && !options.verifyAssets ? referencedUris(described.definition) : undefined;
  const [tags, assets] = await Promise.all([
    described ? listTags(clients, described.arn) : Promise.resolve({}),
    checkAssets(clients.s3, clients.region, objects, known),
  ]);
  return { deployed: described ? { ...described, tags } : null, assets };
}

export function planHasChanges(plan: Plan): boolean {
  return plan.action !== 'none' || hasTagChanges(plan.tags) || plan.assets.some(needsUpload);
}

function requireRole(desired: DesiredPipeline): void {
  if (desired.settings.role) return;
  throw new DeployError('SMP9010', `pipeline ${desired.name} has no role: CreatePipeline needs the ARN of the role the pipeline runs as`, 'set defaults.role to a role ARN known at compile time (for example ${vars.roleArn})');
}

/** The definition as a content-addressed object under the artifacts prefix, when it is too long to send inline. */
function overLimitDefinition(desired: DesiredPipeline, limit: number): FolderAsset | undefined {
  const size = Buffer.byteLength(desired.definitionText);
  if (size <= limit) return undefined;
  if (!desired.artifacts) {
    throw new DeployError('SMP9010', `the definition is ${size} bytes, over the ${limit}-byte inline limit, and the spec has no artifacts prefix to store it under`, 'set artifacts: to an S3 prefix (s3://bucket/prefix)');
  }
  const sha = desired.definitionSha256;
  const s3Uri = `${desired.artifacts}/definitions/${sha}/definition.json`;
  return { name: 'definition.json', source: 'definition', sha256: sha, size, file: 'definition.json', s3Uri, path: desired.definitionPath };
}
