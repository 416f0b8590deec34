import { deflateFixed } from './deflate.js';
import { crc32 } from './gzip.js';

/**
 * A ZIP archive (PKWARE APPNOTE 6.3) whose bytes depend only on the entries: a fixed 1980-01-01
 * timestamp, fixed Unix permissions (0644), entries in the order given, smpipe's own DEFLATE.
 * Lambda takes code as a zip; a deterministic one gets a content-addressed S3 key, so an
 * unchanged bridge does not touch the stack (CloudFormation sees the same CodeKey).
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const VERSION = 20; // 2.0: DEFLATE
const MADE_BY_UNIX = (3 << 8) | VERSION;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

export function zipDeterministic(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateFixed(entry.data);
    const fields = { crc: crc32(entry.data), compressed: compressed.length, size: entry.data.length, name };
    const local = Buffer.concat([localHeader(fields), name, compressed]);
    centrals.push(Buffer.concat([centralHeader(fields, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  return Buffer.concat([...locals, central, endOfCentralDirectory(entries.length, central.length, offset)]);
}

interface Fields { crc: number; compressed: number; size: number; name: Buffer }

function localHeader(f: Fields): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(0x0800, 6); // UTF-8 names
  b.writeUInt16LE(8, 8); // DEFLATE
  b.writeUInt16LE(0, 10); // 00:00:00
  b.writeUInt16LE(DOS_DATE_1980_01_01, 12);
  b.writeUInt32LE(f.crc, 14);
  b.writeUInt32LE(f.compressed, 18);
  b.writeUInt32LE(f.size, 22);
  b.writeUInt16LE(f.name.length, 26);
  b.writeUInt16LE(0, 28);
  return b;
}

function centralHeader(f: Fields, offset: number): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(MADE_BY_UNIX, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(0x0800, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(0, 12);
  b.writeUInt16LE(DOS_DATE_1980_01_01, 14);
  b.writeUInt32LE(f.crc, 16);
  b.writeUInt32LE(f.compressed, 20);
  b.writeUInt32LE(f.size, 24);
  b.writeUInt16LE(f.name.length, 28);
  // extra length, comment length, disk number, internal attributes: 0
  b.writeUInt32LE(REGULAR_FILE_0644, 38);
  b.writeUInt32LE(offset, 42);
  return b;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
