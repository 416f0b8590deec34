/**
 * Model data named by a model's containers (ModelDataUrl, or ModelDataSource.S3DataSource.S3Uri):
 * a model that points at nothing cannot be served, and SageMaker fails when it downloads it, so
 * the local steps fail as soon as they see it. Only buckets this machine keeps are checked.
 */
import { existsSync } from 'node:fs';
import type { Json } from '../expr/types.js';
import { isObject } from './definition.js';
import { StepFailure } from './errors.js';
import type { LocalS3 } from './local-s3.js';

export function modelDataUris(containers: Json[]): string[] {
  const uris: string[] = [];
  for (const container of containers) {
    if (!isObject(container)) continue;
    if (typeof container.ModelDataUrl === 'string') uris.push(container.ModelDataUrl);
    const source = isObject(container.ModelDataSource) ? container.ModelDataSource.S3DataSource : undefined;
    if (isObject(source) && typeof source.S3Uri === 'string') uris.push(source.S3Uri);
  }
  return uris;
}

export function checkModelData(s3: LocalS3, uris: string[], what: string): void {
  for (const uri of uris) {
    const bucket = uri.replace(/^(s3:\/\/[^/]+).*$/, '$1/');
    if (existsSync(s3.pathOf(bucket)) && !s3.has(uri)) throw new StepFailure(`ValidationException: ${what}: model data ${uri} does not exist`);
  }
}
