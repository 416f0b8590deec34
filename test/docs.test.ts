import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillReadme } from '../src/docs/readme-sections.js';
import { publishedSpecSchema } from '../src/spec/published-schema.js';

test('README generated sections are current (run make schema)', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, fillReadme(readme));
});

test('schema/smpipe-spec.schema.json is current (run make schema)', () => {
  assert.equal(readFileSync('schema/smpipe-spec.schema.json', 'utf8'), publishedSpecSchema());
});

test('every property of the published spec schema has a description', () => {
  const missing: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`));
    if (node === null || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    for (const [name, prop] of Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})) {
      const p = prop as Record<string, unknown>;
      if (typeof p.description !== 'string' || !p.description) missing.push(`${path}/properties/${name}`);
    }
    for (const [key, value] of Object.entries(schema)) visit(value, `${path}/${key}`);
  };
  visit(JSON.parse(publishedSpecSchema()), '');
  assert.deepEqual(missing, []);
});

test('the precompiled spec validators are current (run make schema)', async () => {
  const { SPEC_VALIDATORS_FILE, specValidatorsModule } = await import('../src/spec/spec-validators.js');
  assert.equal(readFileSync(SPEC_VALIDATORS_FILE, 'utf8'), specValidatorsModule());
});
