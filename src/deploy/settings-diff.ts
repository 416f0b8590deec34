import type { PipelineSettingsState } from './desired.js';

export interface SettingChange {
  field: 'role' | 'displayName' | 'description' | 'parallelism';
  from: string | number | null;
  to: string | number | null;
}

export interface TagChanges {
  /** New keys and keys whose value changes: one AddTags call (it overwrites). */
  put: Record<string, string>;
  /** Keys the spec no longer has: one DeleteTags call. */
  remove: string[];
  /** For display: old values of changed keys. */
  previous: Record<string, string>;
}

const SYSTEM_TAG = /^(aws|sagemaker):/;

const FIELDS: SettingChange['field'][] = ['role', 'displayName', 'description', 'parallelism'];

/**
 * Settings that differ. A setting the spec leaves unset (null role, null parallelism) is not
 * managed: UpdatePipeline cannot unset it, so it is never reported as a change.
 */
export function settingChanges(deployed: PipelineSettingsState, desired: PipelineSettingsState): SettingChange[] {
  return FIELDS.filter((f) => desired[f] !== null && desired[f] !== deployed[f]).map((field) => ({ field, from: deployed[field], to: desired[field] }));
}

/**
 * Tags under `aws:` (CloudFormation, Service Catalog) and `sagemaker:` (SageMaker projects) are
 * set by AWS, not by the spec: they are never removed.
 */
export function tagChanges(deployed: Record<string, string>, desired: Record<string, string>): TagChanges {
  const put: Record<string, string> = {};
  const previous: Record<string, string> = {};
  for (const key of Object.keys(desired).sort()) {
    if (deployed[key] === desired[key]) continue;
    put[key] = desired[key] as string;
    if (key in deployed) previous[key] = deployed[key] as string;
  }
  const remove = Object.keys(deployed).filter((k) => !(k in desired) && !SYSTEM_TAG.test(k)).sort();
  return { put, remove, previous };
}

export function hasTagChanges(changes: TagChanges): boolean {
  return Object.keys(changes.put).length > 0 || changes.remove.length > 0;
}
