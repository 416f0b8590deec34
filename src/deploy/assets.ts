import type { S3Client } from '@aws-sdk/client-s3';
import type { FolderAsset } from '../compile/compiled-folder.js';
import type { Json } from '../expr/types.js';
import { mapLimit } from './concurrency.js';
import { objectState, putFile, type ObjectState, type StoreOptions } from './object-store.js';
import type { OpenUploads } from './open-uploads.js';

/**
 * `deployed`: not looked at. The deployed definition already points at this content-addressed
 * key, and smpipe uploads every asset before it creates or updates a pipeline, so the object is
 * there unless something outside smpipe deleted it (`--verify-assets` HEADs it anyway).
 */
export type AssetState = ObjectState | 'deployed';

export interface AssetCheck {
  asset: FolderAsset;
  state: AssetState;
}

export interface UploadEvents {
  started?(asset: FolderAsset): void;
  /** Bytes of `asset` sent so far (called after each part of a multipart upload, and at the end). */
  progress?(asset: FolderAsset, sent: number): void;
  uploaded?(asset: FolderAsset): void;
  /** One line worth telling the user (stale uploads aborted, a cleanup that could not run). */
  notice?(text: string): void;
}

/** An S3 URI inside any string, also a JSON-encoded one (`"\"s3://…\""`, script-mode hyperparameters). */
const S3_URI = /s3:\/\/[^\s"'\\]+/g;

/** Every `s3://` URI written anywhere in a definition: the objects a deployed pipeline reads. */
export function referencedUris(definition: Json | undefined): Set<string> {
  const uris = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(S3_URI)) uris.add(match[0]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(definition);
  return uris;
}

/**
 * HeadObject for each asset the deployed definition does not already reference (for all of them
 * when `known` is undefined): which content-addressed objects are there with the same sha256.
 */
export function checkAssets(s3: S3Client, region: string, assets: readonly FolderAsset[], known: ReadonlySet<string> | undefined): Promise<AssetCheck[]> {
  return mapLimit(assets, 8, async (asset) => ({
    asset,
    state: known?.has(asset.s3Uri) ? 'deployed' : await objectState(s3, asset.s3Uri, asset.sha256, asset.size, region),
  }));
}

export function needsUpload(check: AssetCheck): boolean {
  return check.state === 'missing' || check.state === 'different';
}

/**
 * Uploads every asset that is missing or different. Runs to completion before the pipeline is
 * created or updated, so a definition never points at an object that is not there yet; a failure
 * throws and leaves the deployed pipeline as it was.
 */
export async function uploadMissing(s3: S3Client, region: string, checks: readonly AssetCheck[], options: StoreOptions, events: UploadEvents = {}, open?: OpenUploads): Promise<FolderAsset[]> {
  const todo = checks.filter(needsUpload).map((c) => c.asset);
  await mapLimit(todo, 4, async (asset) => {
    events.started?.(asset);
    await putFile(s3, asset, region, options, (sent) => events.progress?.(asset, sent), open);
    events.uploaded?.(asset);
  });
  return todo;
}
