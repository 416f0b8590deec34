import type { S3Client } from '@aws-sdk/client-s3';
import type { Asset } from '../compile/asset-registry.js';
import { mapLimit } from './concurrency.js';
import { objectState, putContent, type ObjectState, type StoreOptions } from './object-store.js';

export interface AssetCheck {
  asset: Asset;
  state: ObjectState;
}

export interface UploadEvents {
  started?(asset: Asset): void;
  /** Bytes of `asset` sent so far (called after each part of a multipart upload, and at the end). */
  progress?(asset: Asset, sent: number): void;
  uploaded?(asset: Asset): void;
}

/** HeadObject per asset: which content-addressed objects are already there with the same sha256. */
export function checkAssets(s3: S3Client, region: string, assets: readonly Asset[]): Promise<AssetCheck[]> {
  return mapLimit(assets, 8, async (asset) => ({ asset, state: await objectState(s3, asset.s3Uri, asset.sha256, asset.size, region) }));
}

/**
 * Uploads every asset that is missing or different. Runs to completion before the pipeline is
 * created or updated, so a definition never points at an object that is not there yet; a failure
 * throws and leaves the deployed pipeline as it was.
 */
export async function uploadMissing(s3: S3Client, region: string, checks: readonly AssetCheck[], options: StoreOptions, events: UploadEvents = {}): Promise<Asset[]> {
  const todo = checks.filter((c) => c.state !== 'present').map((c) => c.asset);
  await mapLimit(todo, 4, async (asset) => {
    events.started?.(asset);
    await putContent(s3, asset.s3Uri, asset.bytes, asset.sha256, region, options, (sent) => events.progress?.(asset, sent));
    events.uploaded?.(asset);
  });
  return todo;
}
