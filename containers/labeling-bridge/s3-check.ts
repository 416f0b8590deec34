import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { errorMessage, isNotFound } from './aws-errors.js';
import type { Clients } from './clients.js';

/**
 * Before creating the job: do the input manifest and the worker UI exist? A missing one fails
 * the step at once with the URI in the message, instead of a labeling job that fails later with
 * a less direct reason. Only "not found" counts: any other answer (access denied to the bridge,
 * which is not the role Ground Truth uses) leaves the check to Ground Truth.
 */
export async function missingObjects(clients: Clients, uris: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const uri of uris) {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) {
      missing.push(`${uri} (not an s3:// URI of an object)`);
      continue;
    }
    try {
      await clients.s3.send(new HeadObjectCommand({ Bucket: match[1], Key: match[2] }));
    } catch (error) {
      if (isNotFound(error)) missing.push(uri);
      else clients.log.warn('could not check an S3 object; Ground Truth will', { uri, error: errorMessage(error) });
    }
  }
  return missing;
}
