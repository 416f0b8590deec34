/**
 * A real `smpipe upsert` process stopped mid-upload: by Ctrl-C or SIGTERM it aborts its multipart
 * upload and exits 130 / 143; by kill -9 it cannot, and the next upsert aborts what it left, and
 * only that (never an upload outside smpipe's own asset keys).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { abortStaleUploads, DEFAULT_STALE_AFTER_MS } from '../../src/deploy/stale-uploads.js';
import type { Emulator } from '../emulator/index.js';
import { clients } from '../emulator/test-helpers.js';
import { BUCKET, copyFixtures, smpipe, startDeployEmulator } from './harness.js';

let emulator: Emulator;
let s3: S3Client;
const work = copyFixtures();
const spec = join(work.dir, 'small.yaml');
const out = join(work.dir, 'build');
const PREFIX = 'smpipe/deploy-small/';

before(async () => {
  emulator = await startDeployEmulator();
  s3 = clients(emulator).s3;
  mkdirSync(join(work.dir, 'data'), { recursive: true });
  writeFileSync(join(work.dir, 'data/big.bin'), randomBytes(17 * 1024 * 1024));
  writeFileSync(spec, readFileSync(spec, 'utf8').replace('    outputs:\n      data: {}\n', '    inputs:\n      big: { file: data/big.bin }\n    outputs:\n      data: {}\n'));
});
afterEach(() => emulator.clearFaults());
after(async () => {
  s3.destroy();
  await emulator.stop();
  work.cleanup();
});

const openUploads = async (prefix = ''): Promise<string[]> =>
  ((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }))).Uploads ?? []).map((u) => `${u.Key} ${u.UploadId}`).sort();

/** Starts `smpipe upsert` with its parts held by the emulator; resolves once a part is on its way. */
async function upsertStuckInUpload(): Promise<{ kill(signal: NodeJS.Signals): Promise<{ code: number | null; err: string }> }> {
  emulator.clearRequests();
  emulator.injectFault({ action: 'UploadPart', kind: 'slow', delayMs: 60_000, times: Infinity });
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/deploy/smpipe-child.ts', 'upsert', spec, '--out', out], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; emulator.count('UploadPart') === 0; i += 1) {
    assert.ok(i < 600, `no UploadPart within 60 s; stderr: ${err}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { kill: async (signal) => { child.kill(signal); return { code: await exited, err }; } };
}

for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} mid-upload: the multipart upload is aborted, exit ${status}`, async () => {
    const run = await upsertStuckInUpload();
    const uploadId = (await openUploads(PREFIX))[0]?.split(' ')[1];
    assert.ok(uploadId, 'an upload is open');
    const { code, err } = await run.kill(signal);
    assert.equal(code, status, err);
    assert.match(err, new RegExp(`smpipe: ${signal}: aborting 1 multipart upload in progress\\naborted 1 multipart upload\\n`));
    const aborts = emulator.requests.filter((r) => r.action === 'AbortMultipartUpload');
    assert.deepEqual(aborts.map((r) => (r.params as { query: { uploadId: string } }).query.uploadId), [uploadId]);
    assert.deepEqual(await openUploads(), []);
    assert.equal(emulator.count('CreatePipeline'), 0);
  });
}

test('kill -9 mid-upload leaves it open; the next upsert aborts it (idle past SMPIPE_STALE_UPLOAD_MINUTES), and nothing else', async () => {
  const foreign = [`${PREFIX}notes/big.bin`, 'other-team/assets/big.bin', `${PREFIX}assets/${'a'.repeat(64)}`, `${PREFIX}assets/notes/${'b'.repeat(64)}/x.bin`];
  for (const Key of foreign) await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
  const run = await upsertStuckInUpload();
  const { code } = await run.kill('SIGKILL');
  assert.equal(code, null);
  emulator.clearFaults();
  const left = (await openUploads(`${PREFIX}assets/`)).filter((u) => /\/big\.bin /.test(u));
  assert.equal(left.length, 1, 'kill -9 could not clean up');
  const young = await abortStaleUploads(s3, emulator.region, `s3://${BUCKET}/smpipe/deploy-small`, { staleAfterMs: DEFAULT_STALE_AFTER_MS });
  assert.deepEqual(young, [], 'an upload that moved in the last hour may be a concurrent upsert: left alone');
  process.env.SMPIPE_STALE_UPLOAD_MINUTES = '0';
  emulator.clearRequests();
  const next = await smpipe('upsert', [spec, '--out', out]).finally(() => delete process.env.SMPIPE_STALE_UPLOAD_MINUTES);
  assert.equal(next.code, 0, next.err);
  assert.match(next.err, /aborted an abandoned multipart upload of s3:\/\/deploy-test-bucket\/smpipe\/deploy-small\/assets\/[0-9a-f]{64}\/big\.bin \(idle since /);
  const listed = emulator.requests.find((r) => r.action === 'ListMultipartUploads')?.params as { query: Record<string, string> };
  assert.equal(listed.query.prefix, `${PREFIX}assets/`, 'listed under the asset prefix only');
  assert.equal(emulator.count('AbortMultipartUpload'), 1);
  assert.deepEqual((await openUploads()).map((u) => u.split(' ')[0]), [...foreign].sort(), 'other uploads untouched');
  assert.equal(emulator.count('CompleteMultipartUpload'), 1);
});
