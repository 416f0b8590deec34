import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { generateShapesJson, OUTPUT_FILE, ROOTS, SDK_DIR } from '../../scripts/gen-api-shapes.js';
import type { ShapeFile } from '../../src/check/api-shapes/load.js';

const STALE = 'src/check/api-shapes/sagemaker-shapes.json is out of date with the installed '
  + '@aws-sdk/client-sagemaker: run `npx tsx scripts/gen-api-shapes.ts` and commit the result';

describe('sagemaker-shapes.json', () => {
  const generated = generateShapesJson();

  it('is what scripts/gen-api-shapes.ts generates from the installed SDK', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    assert.ok(committed === generated, STALE);
  });

  it('generation is deterministic', () => {
    assert.equal(generateShapesJson(), generated);
  });

  it('records the SDK version it came from and holds every root', () => {
    const file = JSON.parse(generated) as ShapeFile;
    const sdk = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as { version: string };
    assert.equal(file.sdkVersion, sdk.version);
    for (const root of ROOTS) assert.equal(file.shapes[root]?.type, 'structure', root);
  });

  it('every member refers to a scalar or a shape in the file', () => {
    const file = JSON.parse(generated) as ShapeFile;
    const known = (ref: string) => ['string', 'number', 'boolean', 'timestamp', 'blob', 'document'].includes(ref) || ref in file.shapes;
    for (const [name, shape] of Object.entries(file.shapes)) {
      const refs = shape.type === 'structure' || shape.type === 'union' ? Object.values(shape.members)
        : shape.type === 'list' ? [shape.member] : shape.type === 'map' ? [shape.value] : [];
      for (const ref of refs) assert.ok(known(ref), `${name} refers to unknown ${ref}`);
    }
  });
});
