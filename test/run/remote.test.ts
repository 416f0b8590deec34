/**
 * Inputs that are not local: fetched from S3 when AWS credentials exist, through the real AWS
 * SDK pointed (AWS_ENDPOINT_URL, as a user would) at a small S3 server on 127.0.0.1 that answers
 * ListObjectsV2 and GetObject; an error naming the URI and the step when there is nothing to fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, compileTo, editDefinition, PYTHON, smpipe, tempDir } from './harness.js';

const OBJECTS = new Map([['remote-data/raw/customers.csv', readFileSync(join(ROOT, 'containers/tabular/data/customers.csv'))]]);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Path-style S3: GET /bucket?list-type=2&prefix=… lists, GET /bucket/key reads. */
function s3Server(requests: string[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, bucket = '', ...key] = url.pathname.split('/');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const keys = [...OBJECTS.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1));
      const contents = keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${OBJECTS.get(`${bucket}/${k}`)?.length}</Size></Contents>`).join('');
      res.setHeader('content-type', 'application/xml');
      return res.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`);
    }
    const body = OBJECTS.get(`${bucket}/${decodeURIComponent(key.join('/'))}`);
    if (!body) {
      res.statusCode = 404;
      return res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>not found</Message></Error>');
    }
    res.setHeader('content-length', String(body.length));
    res.end(body);
  });
}

/** tabular-churn with its raw data read from `uri` instead of the compiled asset. */
function readingFrom(uri: string): string {
  return editDefinition(compileTo('pipeline-specs/tabular-churn.yaml'), (text) => text.replace(/"S3Uri": "s3:\/\/[^"]*customers\.csv"/, `"S3Uri": "${uri}"`));
}

describe('S3 inputs from AWS', () => {
  const requests: string[] = [];
  const server = s3Server(requests);
  let env: NodeJS.ProcessEnv;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' };
  });
  after(() => server.close());

  test('with credentials, a non-local input is fetched into the local S3 and the job reads it', async () => {
    const localDir = tempDir();
    const result = await smpipe(['run', readingFrom('s3://remote-data/raw/customers.csv'), '--python', PYTHON, '--local-dir', localDir], { env });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(readFileSync(join(localDir, 's3/remote-data/raw/customers.csv')), OBJECTS.get('remote-data/raw/customers.csv'));
    assert.ok(requests.some((r) => r.startsWith('GET /remote-data/raw/customers.csv')), requests.join('\n'));
  });

  test('SMP9510: with credentials but no such object, the step fails naming the URI', async () => {
    const localDir = tempDir();
    const result = await smpipe(['run', readingFrom('s3://remote-data/raw/missing.csv'), '--python', PYTHON, '--local-dir', localDir], { env });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /Prepare Failed [0-9.]+s: SMP9510: .*s3:\/\/remote-data\/raw\/missing\.csv/);
    assert.equal(result.stdout.match(/Train Skipped/)?.length, 1, 'nothing after it ran');
  });
});
