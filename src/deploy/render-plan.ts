import { needsUpload, type AssetCheck } from './assets.js';
import { showValue, type FieldDiff } from './json-diff.js';
import { planHasChanges, type Plan } from './plan.js';
import { renderCost, renderForecast } from './render-cost.js';
import { formatBytes } from './s3-uri.js';
import type { SettingChange, TagChanges } from './settings-diff.js';
import type { StepChange } from './step-diff.js';

/** Changed fields shown per step before "… and N more". */
export const MAX_FIELDS_PER_STEP = 12;

const LABELS: Record<SettingChange['field'], string> = { role: 'role', displayName: 'display name', description: 'description', parallelism: 'parallelism' };

/** The plan as text: deterministic (no times, no request ids), so it is golden-tested. */
export function renderPlan(plan: Plan): string {
  const lines = [`Pipeline ${plan.pipeline} (${plan.region}): ${headline(plan)}`];
  if (plan.action === 'create') lines.push(...createSettings(plan));
  else lines.push(...section('Settings', plan.settings.map(settingLine)));
  lines.push(...section('Tags', tagLines(plan.tags)));
  lines.push(...section('Definition', plan.definitionFields.map((f) => `  ~ ${fieldLine(f)}`)));
  if (plan.definitionObject) lines.push('', `Definition: ${formatBytes(plan.definitionObject.size)}, over the inline limit: sent as ${plan.definitionObject.s3Uri}`);
  lines.push(...stepLines(plan), ...renderForecast(plan.caching), ...renderCost(plan.cost), ...assetLines(plan.assets), '', summary(plan));
  return `${lines.join('\n')}\n`;
}

function headline(plan: Plan): string {
  if (plan.action === 'create') return 'create';
  if (plan.action === 'update') return 'update';
  return planHasChanges(plan) ? 'definition unchanged' : 'up to date';
}

function section(title: string, body: string[]): string[] {
  return body.length ? ['', `${title}:`, ...body] : [];
}

function createSettings(plan: Plan): string[] {
  const s = plan.desiredSettings;
  const rows: [string, string | number | null][] = [['role', s.role], ['display name', s.displayName], ['description', s.description || null], ['parallelism', s.parallelism]];
  return section('Settings', rows.filter(([, v]) => v !== null).map(([label, v]) => `  + ${label}: ${showValue(v)}`));
}

function settingLine(change: SettingChange): string {
  return `  ~ ${LABELS[change.field]}: ${showValue(change.from ?? undefined)} → ${showValue(change.to ?? undefined)}`;
}

function tagLines(tags: TagChanges): string[] {
  const put = Object.entries(tags.put).map(([key, value]) =>
    key in tags.previous ? `  ~ ${key}: ${showValue(tags.previous[key])} → ${showValue(value)}` : `  + ${key}: ${showValue(value)}`);
  return [...put, ...tags.remove.map((key) => `  - ${key}`)];
}

function fieldLine(field: FieldDiff): string {
  return `${field.path}: ${showValue(field.from)} → ${showValue(field.to)}`;
}

function stepLines(plan: Plan): string[] {
  if (!plan.steps.length) return ['', `Steps: ${plan.stepCount} unchanged`];
  const count = (kind: StepChange['change']) => plan.steps.filter((s) => s.change === kind).length;
  const unchanged = plan.stepCount - count('added') - count('changed');
  const counts = [`${count('added')} added`, `${count('removed')} removed`, `${count('changed')} changed`, `${unchanged} unchanged`];
  return ['', `Steps: ${counts.join(', ')}`, ...plan.steps.flatMap(stepChangeLines)];
}

function stepChangeLines(step: StepChange): string[] {
  const mark = step.change === 'added' ? '+' : step.change === 'removed' ? '-' : '~';
  const where = step.location ? `, in ${step.location}` : '';
  const head = `  ${mark} ${step.name} (${step.type}${where})`;
  const shown = step.fields.slice(0, MAX_FIELDS_PER_STEP).map((f) => `      ${fieldLine(f)}`);
  const more = step.fields.length - shown.length;
  return [head, ...shown, ...(more > 0 ? [`      … and ${more} more field${more === 1 ? '' : 's'}`] : [])];
}

function assetLines(assets: AssetCheck[]): string[] {
  const todo = assets.filter(needsUpload);
  const bytes = todo.reduce((sum, a) => sum + a.asset.size, 0);
  const present = assets.length - todo.length;
  const trusted = assets.filter((a) => a.state === 'deployed').length;
  const note = trusted ? ` (${trusted === present ? '' : `${trusted} `}used by the deployed definition, not checked: --verify-assets checks them)` : '';
  const head = todo.length ? `Assets: ${todo.length} to upload (${formatBytes(bytes)}), ${present} already in S3${note}` : `Assets: ${present} already in S3${note}`;
  const rows = todo.map(({ asset, state }) => `  + ${asset.s3Uri}  (${asset.source}, ${formatBytes(asset.size)}${state === 'different' ? ', replaces a different object' : ''})`);
  return ['', head, ...rows];
}

function summary(plan: Plan): string {
  if (!planHasChanges(plan)) return 'No changes: the deployed pipeline matches the spec.';
  const parts: string[] = [];
  if (plan.action !== 'none') parts.push(`${plan.action} the pipeline`);
  const uploads = plan.assets.filter(needsUpload).length;
  if (uploads) parts.push(`upload ${uploads} object${uploads === 1 ? '' : 's'}`);
  const tagCount = Object.keys(plan.tags.put).length + plan.tags.remove.length;
  if (tagCount && plan.action !== 'create') parts.push(`change ${tagCount} tag${tagCount === 1 ? '' : 's'}`);
  return `Plan: ${parts.join(', ')}. Apply with smpipe upsert.`;
}
