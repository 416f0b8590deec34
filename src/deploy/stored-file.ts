import { DeployError } from './errors.js';

/** A local file bound for a content-addressed S3 key (an asset of the compiled folder, or its definition). */
export interface StoredFile {
  path: string;
  sha256: string;
  size: number;
  s3Uri: string;
}

/** The file's bytes no longer hash to the sha256 in its key: never upload them under it. */
export function changedFile(path: string): DeployError {
  return new DeployError('SMP9014', `${path} changed while it was being uploaded (its sha256 no longer matches the manifest)`, 'compile again and run upsert again; nothing was registered');
}
