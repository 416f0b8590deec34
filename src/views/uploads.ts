import type { FolderAsset as Asset } from '../compile/compiled-folder.js';
import type { UploadEvents } from '../deploy/assets.js';
import { formatBytes } from '../deploy/s3-uri.js';
import type { Io } from './io.js';

/** Files from this size get a progress line: live on a terminal, announced once elsewhere. */
export const PROGRESS_FROM = 8 * 1024 * 1024;

/** Upload reporting on stderr: one line per uploaded object, a live percentage for large ones. */
export function uploadView(io: Io): UploadEvents {
  const live = (asset: Asset) => io.errTTY && asset.size >= PROGRESS_FROM;
  const line = (asset: Asset, sent: number) =>
    `\r\x1b[Kuploading ${asset.name} ${formatBytes(sent)} / ${formatBytes(asset.size)} (${Math.floor((sent / asset.size) * 100)}%)`;
  return {
    started(asset) {
      if (live(asset)) io.err(line(asset, 0));
      else if (asset.size >= PROGRESS_FROM) io.err(`uploading ${asset.s3Uri} (${formatBytes(asset.size)})…\n`);
    },
    progress(asset, sent) {
      if (live(asset) && sent < asset.size) io.err(line(asset, sent));
    },
    uploaded(asset) {
      io.err(`${live(asset) ? '\r\x1b[K' : ''}uploaded ${asset.s3Uri} (${formatBytes(asset.size)})\n`);
    },
    notice(text) {
      io.err(`${text}\n`);
    },
  };
}
