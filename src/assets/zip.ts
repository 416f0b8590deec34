import type { Zippable } from 'fflate';
import { fflate } from './gzip.js';

/**
 * A ZIP archive (PKWARE APPNOTE 6.3) whose bytes depend only on the entries, written by fflate:
 * a fixed 1980-01-01 00:00 timestamp, Unix permissions 0644, entries in the order given, level 6.
 * Lambda takes code as a zip; a deterministic one gets a content-addressed S3 key, so an
 * unchanged bridge does not touch the stack (CloudFormation sees the same CodeKey).
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const VERSION_MADE_BY_UNIX = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

/**
 * fflate turns mtime into a DOS date with the local-time getters (getFullYear, getHours…), so the
 * date is built from local components too: 1980-01-01 00:00:00 in whatever TZ this process has,
 * which fflate reads back as exactly those fields. A UTC instant would shift with TZ.
 */
function dosEpoch(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

export function zipDeterministic(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    // An integer-like key would be moved to the front of the object, and a repeated name would
    // collapse: both change the archive silently, so refuse them (only the bridge zips today).
    if (/^\d+$/.test(entry.name) || Object.hasOwn(files, entry.name)) throw new Error(`zip entry name not supported or repeated: ${entry.name}`);
    files[entry.name] = [entry.data, { level: 6, mtime: dosEpoch(), os: VERSION_MADE_BY_UNIX, attrs: REGULAR_FILE_0644 }];
  }
  return Buffer.from(fflate().zipSync(files));
}
