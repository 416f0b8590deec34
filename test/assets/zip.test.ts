import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { zipDeterministic } from '../../src/assets/zip.js';

const ENTRIES = [
  { name: 'index.mjs', data: Buffer.from('export const handler = async () => "ok";\n'.repeat(200)) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
  { name: 'naïve/ünïcode.json', data: Buffer.from('{"a": 1}') },
];

test('zip: the same entries give the same bytes', () => {
  assert.ok(zipDeterministic(ENTRIES).equals(zipDeterministic(ENTRIES)));
});

test('zip: Python\'s zipfile reads it back: names, contents, CRCs, 0644 permissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-zip-'));
  const path = join(dir, 'bridge.zip');
  writeFileSync(path, zipDeterministic(ENTRIES));
  const script = `import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps([[i.filename, z.read(i).decode(), oct(i.external_attr >> 16), list(i.date_time)] for i in z.infolist()]))`;
  const run = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ENTRIES.map((e) => [e.name, e.data.toString('utf8'), '0o100644', [1980, 1, 1, 0, 0, 0]]));
});

test('zip: the bytes do not depend on the time zone (fflate reads the date with local-time getters)', () => {
  const saved = process.env.TZ;
  try {
    const zips = ['UTC', 'Asia/Tokyo', 'America/St_Johns', 'Pacific/Kiritimati', 'America/Adak'].map((tz) => {
      process.env.TZ = tz; // Node re-reads TZ on assignment
      return zipDeterministic(ENTRIES);
    });
    for (const zip of zips) assert.ok(zip.equals(zips[0] as Buffer));
    // Local header: DOS time 00:00:00 and date 1980-01-01 at offsets 10 and 12.
    assert.equal((zips[0] as Buffer).readUInt16LE(10), 0);
    assert.equal((zips[0] as Buffer).readUInt16LE(12), (1 << 5) | 1);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('zip: a repeated or integer-like name is refused (an object would reorder or merge them)', () => {
  assert.throws(() => zipDeterministic([ENTRIES[0]!, ENTRIES[0]!]), /repeated/);
  assert.throws(() => zipDeterministic([{ name: '1', data: Buffer.alloc(0) }]), /not supported/);
});
