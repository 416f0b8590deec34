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
print(json.dumps([[i.filename, z.read(i).decode(), oct(i.external_attr >> 16), i.date_time[0]] for i in z.infolist()]))`;
  const run = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ENTRIES.map((e) => [e.name, e.data.toString('utf8'), '0o100644', 1980]));
});
