/**
 * The AWS clients preflight needs besides SageMaker and S3, each loaded and created on first use
 * (the SDK packages load only when a check needs them) with the deploy's settings: profile,
 * region, attempts, timeouts (clients.ts awsClientSettings), so every lookup has a bound.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientSettings, type AwsOptions } from '../clients.js';

interface Destroyable { destroy(): void }

export class PreflightClients {
  private readonly made: Destroyable[] = [];
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly options: AwsOptions, readonly region: string) {}

  iam(): Promise<IAMClient> {
    return this.once('iam', async () => new (await import('@aws-sdk/client-iam')).IAMClient(this.settings()));
  }

  /**
   * The SQS client sends to a queue URL's own host unless told otherwise (@aws-sdk/middleware-sdk-sqs,
   * useQueueUrlAsEndpoint): with an endpoint override in the environment it must use the override.
   */
  sqs(): Promise<SQSClient> {
    const env = this.options.env ?? process.env;
    const overridden = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() !== 'true' && Boolean(env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL);
    return this.once('sqs', async () => new (await import('@aws-sdk/client-sqs')).SQSClient({ ...this.settings(), ...(overridden ? { useQueueUrlAsEndpoint: false } : {}) }));
  }

  lambda(): Promise<LambdaClient> {
    return this.once('lambda', async () => new (await import('@aws-sdk/client-lambda')).LambdaClient(this.settings()));
  }

  secrets(): Promise<SecretsManagerClient> {
    return this.once('secrets', async () => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient(this.settings()));
  }

  quotas(): Promise<ServiceQuotasClient> {
    return this.once('quotas', async () => new (await import('@aws-sdk/client-service-quotas')).ServiceQuotasClient(this.settings()));
  }

  destroy(): void {
    for (const client of this.made.splice(0)) client.destroy();
  }

  private settings() {
    return { ...awsClientSettings(this.options), region: this.region };
  }

  private once<T extends Destroyable>(key: string, make: () => Promise<T>): Promise<T> {
    let client = this.cache.get(key) as Promise<T> | undefined;
    if (!client) {
      client = make().then((made) => {
        this.made.push(made);
        return made;
      });
      this.cache.set(key, client);
    }
    return client;
  }
}
