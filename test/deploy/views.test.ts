import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../src/cli/deploy-io.js';
import type { Io } from '../../src/views/io.js';
import { uploadView } from '../../src/views/uploads.js';
import { watchView } from '../../src/views/watch.js';
import type { FolderAsset as Asset } from '../../src/compile/compiled-folder.js';
import { s3EndpointOverridden } from '../../src/deploy/clients.js';

function capture(tty: boolean): Io & { text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  return { text, out: (t) => void (text.out += t), err: (t) => void (text.err += t), isTTY: tty, errTTY: tty };
}

const big: Asset = { name: 'big.bin', source: 'data/big.bin', sha256: 'a'.repeat(64), size: 20 * 1024 * 1024, file: 'x', s3Uri: 's3://b/k/big.bin', path: '/nowhere/big.bin' };
const small: Asset = { ...big, name: 'run.sh', size: 100, s3Uri: 's3://b/k/run.sh' };

test('upload progress: live percentage on a terminal, one announcement otherwise, small files just a line', () => {
  const tty = capture(true);
  const view = uploadView(tty);
  view.started?.(big);
  view.progress?.(big, 8 * 1024 * 1024);
  view.progress?.(big, big.size);
  view.uploaded?.(big);
  assert.equal(tty.text.err, '\r\x1b[Kuploading big.bin 0 B / 20.0 MiB (0%)\r\x1b[Kuploading big.bin 8.0 MiB / 20.0 MiB (40%)\r\x1b[Kuploaded s3://b/k/big.bin (20.0 MiB)\n');
  const log = capture(false);
  const plain = uploadView(log);
  for (const asset of [big, small]) {
    plain.started?.(asset);
    plain.progress?.(asset, asset.size / 2);
    plain.uploaded?.(asset);
  }
  assert.equal(log.text.err, 'uploading s3://b/k/big.bin (20.0 MiB)…\nuploaded s3://b/k/big.bin (20.0 MiB)\nuploaded s3://b/k/run.sh (100 B)\n');
});

test('watch view: in-place redraw on a terminal', () => {
  const io = capture(true);
  const show = watchView(io, () => new Date('2025-01-01T00:00:10Z'));
  const step = { name: 'A', status: 'Executing', startTime: new Date('2025-01-01T00:00:00Z') };
  show({ arn: 'arn', status: 'Executing', steps: [step] });
  show({ arn: 'arn', status: 'Succeeded', steps: [{ ...step, status: 'Succeeded' }] });
  const [first, second] = io.text.out.split('\x1b[3A\r\x1b[J');
  assert.equal(first, 'STEP  STATUS     STARTED   DURATION  JOB\nA     Executing  00:00:00  10s\nexecution Executing\n');
  assert.match(second ?? '', /^STEP .*\nA +Succeeded .*\nexecution Succeeded\n$/);
});

test('path-style S3 exactly when the S3 endpoint is overridden', () => {
  assert.equal(s3EndpointOverridden({}), false);
  assert.equal(s3EndpointOverridden({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }), true);
  assert.equal(s3EndpointOverridden({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' }), true);
  assert.equal(s3EndpointOverridden({ AWS_ENDPOINT_URL_S3: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), false);
});

test('an error carrying a catalogue code (from another room, e.g. writing the folder) is a coded message, exit 1; others stay internal', async () => {
  const failing = (error: Error) => ({ summary: '', usage: 'smpipe x', run: () => Promise.reject(error) });
  const io = capture(false);
  const coded = Object.assign(new Error('build/p is not a folder smpipe wrote'), { code: 'SMP9013', hint: 'pass --out' });
  assert.equal(await runCommand('upsert', failing(coded), [], io), 1);
  assert.equal(io.text.err, 'smpipe upsert: error SMP9013: build/p is not a folder smpipe wrote\n  hint: pass --out\n');
  const system = capture(false);
  assert.equal(await runCommand('upsert', failing(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })), [], system), 2);
  assert.match(system.text.err, /^smpipe upsert: internal error: EACCES/);
});
