import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../emulator/index.js';
import { assertGolden } from '../helpers/golden.js';
import { FIXTURES, smpipe, SMALL, startDeployEmulator } from './harness.js';

let emulator: Emulator;
const CHANGED = `${FIXTURES}/plan-changed.yaml`;
const golden = (name: string) => `test/deploy/golden/${name}.txt`;

before(async () => {
  emulator = await startDeployEmulator();
});
after(() => emulator.stop());

test('plan for a pipeline that does not exist: everything is new, exit 2, reads only', async () => {
  const run = await smpipe('plan', [SMALL]);
  assert.equal(run.code, 2, run.err);
  assertGolden(golden('plan-create'), run.out);
  assert.deepEqual([...new Set(emulator.requests.map((r) => r.action))].sort(), ['DescribePipeline', 'HeadObject']);
});

test('plan after upsert: nothing to do, exit 0', async () => {
  assert.equal((await smpipe('upsert', [SMALL])).code, 0);
  const run = await smpipe('plan', [SMALL]);
  assert.equal(run.code, 0, run.err);
  assertGolden(golden('plan-unchanged'), run.out);
});

test('plan of an edit: steps added, removed and changed (inside branches too), parameters, settings, tags, uploads', async () => {
  emulator.clearRequests();
  const run = await smpipe('plan', [CHANGED]);
  assert.equal(run.code, 2, run.err);
  assertGolden(golden('plan-changed'), run.out);
  const writes = emulator.requests.filter((r) => !['DescribePipeline', 'ListTags', 'HeadObject'].includes(r.action));
  assert.deepEqual(writes, [], 'plan never writes');
});

test('plan output is the same run after run', async () => {
  const [a, b] = [await smpipe('plan', [CHANGED]), await smpipe('plan', [CHANGED])];
  assert.equal(a.out, b.out);
});

test('plan exits 1 on spec errors and on usage mistakes (2 means changes)', async () => {
  emulator.clearRequests();
  const bad = await smpipe('plan', [SMALL, '--set', 'nosuchvar=1']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /SMP3003/);
  assert.equal((await smpipe('plan', [])).code, 1);
  assert.equal((await smpipe('plan', [SMALL, '--bogus'])).code, 1);
  assert.equal(emulator.requests.length, 0, 'no AWS call before the spec compiles');
});

test('the SDK reads the service-specific endpoint variables itself (no AWS_ENDPOINT_URL needed)', async () => {
  const general = process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_ENDPOINT_URL;
  Object.assign(process.env, { AWS_ENDPOINT_URL_SAGEMAKER: general, AWS_ENDPOINT_URL_S3: general });
  try {
    emulator.clearRequests();
    const run = await smpipe('plan', [SMALL, '--verify-assets']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual([emulator.count('DescribePipeline'), emulator.count('HeadObject')], [1, 3]);
  } finally {
    process.env.AWS_ENDPOINT_URL = general;
    delete process.env.AWS_ENDPOINT_URL_SAGEMAKER;
    delete process.env.AWS_ENDPOINT_URL_S3;
  }
});
