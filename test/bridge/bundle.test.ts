import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

/** The bundle a deploy ships: one file, every handler the stack names, deterministic bytes. */
test('make bridge: one ESM file with every handler stack.yaml names, the same bytes every build', async () => {
  // @ts-expect-error build.mjs is plain JavaScript (run by node in the Makefile), untyped on purpose.
  const { bundle } = (await import('../../containers/labeling-bridge/build.mjs')) as { bundle(out: string): Promise<string> };
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-bridge-'));
  const first = await bundle(join(dir, 'a', 'index.mjs'));
  const second = await bundle(join(dir, 'b', 'index.mjs'));
  assert.ok(readFileSync(first).equals(readFileSync(second)), 'deterministic');
  assert.ok(statSync(first).size < 5 * 1024 * 1024, 'well under the 50 MB zipped Lambda limit');
  assert.ok(!readFileSync(first, 'utf8').includes(process.cwd()), 'no build machine paths inside');
  const handlers = (await import(pathToFileURL(first).href)) as Record<string, unknown>;
  const stack = readFileSync('containers/labeling-bridge/stack.yaml', 'utf8');
  const named = [...stack.matchAll(/Handler: index\.(\w+)/g)].map((m) => m[1] as string);
  assert.ok(named.length >= 4);
  for (const name of named) assert.equal(typeof handlers[name], 'function', `index.${name}`);
  const pre = handlers.preAnnotation as (e: unknown) => Promise<{ taskInput: unknown }>;
  assert.deepEqual((await pre({ dataObject: { id: 'a', source: 'q', responses: ['x', 'y'] } })).taskInput, { id: 'a', source: 'q', responses: ['x', 'y'] });
});
