/**
 * Issue 11 item 4: no import cycles in src/, type-only ones included (scripts/import-cycles.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { describeCycle, importCycles, importGraph } from '../../scripts/import-cycles.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smpipe-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('the import graph: value, type-only, re-export and import() edges; packages and node: builtins left out', () => {
  const dir = project({
    'a.ts': "import { b } from './b.js';\nimport type { C } from './sub/c.js';\nimport { readFileSync } from 'node:fs';\nexport const a = b;",
    'b.ts': "export { c as b } from './sub/c.js';\nexport const lazy = () => import('./a.js');",
    'sub/c.ts': "import { type X, type Y } from '../x.cjs';\nexport const c = 1;\nexport type C = number;",
    'x.cts': 'export type X = 1; export type Y = 2;',
  });
  try {
    const edges = importGraph(dir).map((e) => `${e.from}→${e.to}${e.typeOnly ? ' type' : ''}`).sort();
    assert.deepEqual(edges, ['a.ts→b.ts', 'a.ts→sub/c.ts type', 'b.ts→a.ts', 'b.ts→sub/c.ts', 'sub/c.ts→x.cts type']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cycles: through values or types only, of any length; a chain or a diamond is none', () => {
  const edge = (from: string, to: string, typeOnly = false) => ({ from, to, typeOnly });
  assert.deepEqual(importCycles([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')]), []);
  assert.deepEqual(importCycles([edge('a', 'b', true), edge('b', 'a', true)]), [['a', 'b']]);
  assert.deepEqual(importCycles([edge('x', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('self', 'self')]), [['a', 'b', 'c'], ['self']]);
});

test('src/ has no import cycle', () => {
  const edges = importGraph('src');
  const cycles = importCycles(edges);
  assert.equal(cycles.length, 0, `import cycles (break them: move the shared part into a module both import):\n${cycles.map((c) => describeCycle(c, edges)).join('\n')}`);
});
