import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/args.js';
import { awsOptions } from '../../src/cli/aws-flags.js';
import { awsClientSettings, DEFAULT_TIMEOUTS } from '../../src/deploy/clients.js';

const parsed = (values: Record<string, string>) => ({ values, positionals: [] });

test('every client gets a connection and an idle-request timeout; defaults 10 s and 60 s', () => {
  assert.deepEqual(DEFAULT_TIMEOUTS, { connectMs: 10_000, requestMs: 60_000 });
  assert.deepEqual(awsClientSettings({ env: {} }).requestHandler, { connectionTimeout: 10_000, socketTimeout: 60_000 });
  assert.deepEqual(awsClientSettings({ env: {}, timeouts: { requestMs: 250 } }).requestHandler, { connectionTimeout: 10_000, socketTimeout: 250 });
});

test('timeouts in seconds from the flags, else SMPIPE_CONNECT_TIMEOUT / SMPIPE_REQUEST_TIMEOUT', () => {
  assert.deepEqual(awsOptions(parsed({ 'connect-timeout': '2.5', 'request-timeout': '30' }), {}).timeouts, { connectMs: 2500, requestMs: 30_000 });
  assert.deepEqual(awsOptions(parsed({ 'request-timeout': '5' }), { SMPIPE_REQUEST_TIMEOUT: '99', SMPIPE_CONNECT_TIMEOUT: '1' }).timeouts, { connectMs: 1000, requestMs: 5000 });
  assert.equal(awsOptions(parsed({}), {}).timeouts, undefined);
  for (const bad of ['0', '-1', 'soon', 'Infinity']) {
    assert.throws(() => awsOptions(parsed({ 'request-timeout': bad }), {}), (e: unknown) => e instanceof UsageError && /--request-timeout must be a positive number of seconds/.test(e.message));
  }
  assert.throws(() => awsOptions(parsed({}), { SMPIPE_CONNECT_TIMEOUT: 'x' }), /SMPIPE_CONNECT_TIMEOUT must be a positive number/);
});
