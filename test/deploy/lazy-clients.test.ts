/**
 * The AWS clients only some commands use (CloudWatch Logs, Service Quotas, IAM, SQS, Lambda,
 * Secrets Manager) load when those commands need them: loading every deploy command loads none.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const PROBE = `
await import('./src/cli/deploy-command-list.ts');
const { createRequire } = await import('node:module');
const loaded = Object.keys(createRequire(import.meta.url).cache);
const count = (pattern) => loaded.filter((k) => pattern.test(k)).length;
process.stdout.write(JSON.stringify({ lazy: count(/client-(iam|service-quotas|cloudwatch-logs|sqs|lambda|secrets-manager)\\//), sagemaker: count(/client-sagemaker\\//) }));
`;

test('loading the deploy commands loads the SageMaker client but none of the ones preflight and logs use', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { encoding: 'utf8' });
  const { lazy, sagemaker } = JSON.parse(out) as { lazy: number; sagemaker: number };
  assert.ok(sagemaker > 0, 'the probe sees CommonJS modules loaded from ESM');
  assert.equal(lazy, 0);
});
