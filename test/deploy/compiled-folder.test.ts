import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { CompiledFolderError, isCompiledFolder, readCompiledFolder } from '../../src/compile/compiled-folder.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { compileToFolder } from './folders.js';

const SMALL = 'test/deploy/fixtures/small.yaml';
const text = readFileSync(SMALL, 'utf8');

function refused(dir: string): CompiledFolderError {
  try {
    readCompiledFolder(dir);
  } catch (error) {
    assert.ok(error instanceof CompiledFolderError, String(error));
    return error;
  }
  assert.fail('the folder was accepted');
}

function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, canonicalJson(manifest));
}

test('the folder carries everything deploy needs: settings, region, artifacts, typed parameters, hash-checked assets', (t) => {
  const { folder, dir, cleanup } = compileToFolder(text, SMALL);
  t.after(cleanup);
  assert.deepEqual([isCompiledFolder(dir), isCompiledFolder(dirname(dir)), isCompiledFolder(join(dir, 'manifest.json'))], [true, false, false]);
  const m = folder.manifest;
  assert.deepEqual([m.manifestVersion, m.pipeline, m.region, m.artifacts, m.role], [1, 'deploy-small', 'us-east-1', 's3://deploy-test-bucket/smpipe/deploy-small', 'arn:aws:iam::111122223333:role/Pipeline']);
  assert.deepEqual(m.parameters.Rank, { type: 'integer', default: 16, enum: [8, 16, 32] });
  assert.equal(folder.definitionText, readFileSync(join(dir, 'definition.json'), 'utf8'));
  assert.equal(folder.assets.length, 3);
  for (const asset of folder.assets) {
    assert.equal(asset.path, resolve(dir, asset.file));
    assert.equal(folder.assetsByS3Uri.get(asset.s3Uri), asset);
    assert.ok(folder.definitionText.includes(asset.s3Uri.slice(5)), 'every asset is one the definition reads');
  }
});

test('the manifest is the same bytes whatever order a parameter\'s keys are written in', (t) => {
  const a = compileToFolder(text, SMALL);
  const b = compileToFolder(text.replace('Beta: { type: float, default: 0.1 }', 'Beta: { default: 0.1, type: float }'), SMALL);
  t.after(() => { a.cleanup(); b.cleanup(); });
  assert.equal(readFileSync(join(b.dir, 'manifest.json'), 'utf8'), readFileSync(join(a.dir, 'manifest.json'), 'utf8'));
});

test('a file edited after compile is refused: SMP9014 naming it (asset, definition.json, same-size edit)', (t) => {
  const { folder, dir, cleanup } = compileToFolder(text, SMALL);
  t.after(cleanup);
  const asset = folder.assets[0];
  assert.ok(asset);
  appendFileSync(asset.path, 'x');
  assert.deepEqual([refused(dir).code, refused(dir).message.startsWith(`${dir}/${asset.file} has`)], ['SMP9014', true]);
  writeFileSync(asset.path, readFileSync(asset.path).subarray(0, asset.size));
  readCompiledFolder(dir);
  const definition = join(dir, 'definition.json');
  writeFileSync(definition, folder.definitionText.replace('ml.m5.xlarge', 'ml.m5.XLARGE'));
  const edited = refused(dir);
  assert.equal(edited.code, 'SMP9014');
  assert.match(edited.message, /definition\.json has sha256 [0-9a-f]{64}; the manifest says [0-9a-f]{64}: it changed after compile/);
});

test('not a compiled folder, or one that cannot be trusted: SMP9013', (t) => {
  const { folder, dir, cleanup } = compileToFolder(text, SMALL);
  t.after(cleanup);
  const manifestText = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const cases: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['another manifest version', (m) => { m.manifestVersion = 2; }, /manifest version 2; this smpipe reads version 1/],
    ['no version (an older smpipe)', (m) => { delete m.manifestVersion; }, /manifest version null/],
    ['an asset path leaving the folder', (m) => { (m.assets as { file: string }[])[0]!.file = '../../../home/me/.aws/credentials'; }, /names an asset outside the folder/],
    ['an S3 URI that is not the sha256\'s', (m) => { (m.assets as { s3Uri: string }[])[0]!.s3Uri = 's3://elsewhere/x/y.tar.gz'; }, /assets\[0\]\.s3Uri is "s3:\/\/elsewhere\/x\/y\.tar\.gz", not the content-addressed/],
    ['a parameter of an unknown type', (m) => { (m.parameters as Record<string, { type: string }>).Beta!.type = 'double'; }, /"parameters" has the wrong type or shape/],
    ['no pipeline', (m) => { delete m.pipeline; }, /no "pipeline"/],
  ];
  for (const [what, edit, message] of cases) {
    editManifest(dir, edit);
    const error = refused(dir);
    assert.equal(error.code, 'SMP9013', what);
    assert.match(error.message, message, what);
    writeFileSync(join(dir, 'manifest.json'), manifestText);
  }
  writeFileSync(join(dir, 'manifest.json'), '{ not json');
  assert.match(refused(dir).message, /manifest\.json is not JSON/);
  writeFileSync(join(dir, 'manifest.json'), manifestText);
  rmSync(folder.assets[1]!.path);
  assert.match(refused(dir).message, /is missing from the compiled folder/);
  rmSync(join(dir, 'manifest.json'));
  assert.match(refused(dir).message, /is not a compiled folder: it has no manifest\.json/);
});

test('the reader never loads the AWS SDK (the local runner imports it)', () => {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /from '@aws-sdk\//, `${file} imports the AWS SDK`);
    for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(resolve(dirname(file), `${spec}.ts`));
  };
  visit(resolve('src/compile/compiled-folder.ts'));
  assert.ok(seen.size >= 4, [...seen].join(', '));
});
