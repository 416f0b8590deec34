import { AddTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-sagemaker';
import { callAws } from './aws-call.js';
import type { Clients } from './clients.js';
import { hasTagChanges, type TagChanges } from './settings-diff.js';

/** AddTags for new and changed values, DeleteTags for keys the spec dropped; no call when equal. */
export async function convergeTags(clients: Clients, arn: string, changes: TagChanges): Promise<boolean> {
  if (!hasTagChanges(changes)) return false;
  const put = Object.entries(changes.put).map(([Key, Value]) => ({ Key, Value }));
  if (put.length) {
    await callAws({ action: 'sagemaker:AddTags', resource: arn, region: clients.region }, () =>
      clients.sagemaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: put })));
  }
  if (changes.remove.length) {
    await callAws({ action: 'sagemaker:DeleteTags', resource: arn, region: clients.region }, () =>
      clients.sagemaker.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: changes.remove })));
  }
  return true;
}
