/**
 * The emulator's own calls to moto (reading a pipeline, an S3 object, sending to SQS). They go
 * straight to moto, so they are neither recorded nor hit by injected faults.
 */
import { ServiceError } from './sagemaker/errors.js';

export class MotoClient {
  constructor(readonly url: string, readonly region: string) {}

  /** moto picks the backend and region from the signing scope; it does not check signatures. */
  private auth(service: string, region = this.region): string {
    return `AWS4-HMAC-SHA256 Credential=test/20240101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  }

  /** A SageMaker JSON call; a moto error becomes a ServiceError with moto's code and message. */
  async sagemaker<T = Record<string, unknown>>(action: string, body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': `SageMaker.${action}`, 'content-type': 'application/x-amz-json-1.1', authorization: this.auth('sagemaker') },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = safeJson(text);
    if (response.ok) return parsed as T;
    const code = String(parsed['__type'] ?? response.headers.get('x-amzn-errortype') ?? 'InternalFailure').replace(/^.*#/, '');
    throw new ServiceError(code, String(parsed['message'] ?? parsed['Message'] ?? text.slice(0, 500)), response.status >= 500 ? 500 : 400);
  }

  /** The object's bytes, or undefined when the bucket or key does not exist. */
  async s3Get(bucket: string, key: string): Promise<Buffer | undefined> {
    const path = `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const response = await fetch(`${this.url}${path}`, { headers: { authorization: this.auth('s3') } });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`S3 GetObject s3://${bucket}/${key}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  /** A call to a JSON-protocol service of moto (CloudWatch Logs: `Logs_20140328.PutLogEvents`, signed for `logs`). */
  async json(service: string, target: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1', authorization: this.auth(service) },
      body: JSON.stringify(body),
    });
    const parsed = safeJson(await response.text());
    if (!response.ok) throw new ServiceError(String(parsed['__type'] ?? 'InternalFailure').replace(/^.*#/, ''), String(parsed['message'] ?? ''), response.status);
    return parsed;
  }

  /** Sends to an SQS queue if it exists in moto; false when it does not. */
  async sqsSend(queueUrl: string, body: string): Promise<boolean> {
    const region = /sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1] ?? this.region;
    const response = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0', authorization: this.auth('sqs', region) },
      body: JSON.stringify({ QueueUrl: queueUrl, MessageBody: body }),
    });
    return response.ok;
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** s3://bucket/key → { bucket, key } */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}
