/**
 * Service Quotas for SageMaker (ListServiceQuotas, ListAWSDefaultServiceQuotas, GetServiceQuota),
 * which moto 5.2.1 does not have for SageMaker. Quotas are named as the service names them, e.g.
 * "ml.g5.48xlarge for training job usage" (https://docs.aws.amazon.com/general/latest/gr/sagemaker.html,
 * "Amazon SageMaker endpoints and quotas"). Every account starts with the defaults below (GPU
 * instance types at 0, as many accounts have them); `setQuota` applies a value, and only applied
 * values are listed by ListServiceQuotas, as the service documents: "If the applied quota value is
 * not available for a quota, the quota is not retrieved."
 */
import { createHash } from 'node:crypto';
import { page, type Handlers, type Params } from './sagemaker/context.js';
import { ServiceError } from './sagemaker/errors.js';

export const SERVICE_QUOTAS_TARGET = 'ServiceQuotasV20190624.';

const USAGES = ['training job usage', 'spot training job usage', 'processing job usage', 'endpoint usage', 'transform job usage'];
const TYPES = [
  'ml.m5.large', 'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.m5.4xlarge', 'ml.t3.medium', 'ml.c5.xlarge',
  'ml.g5.xlarge', 'ml.g5.2xlarge', 'ml.g5.12xlarge', 'ml.g5.48xlarge', 'ml.g6.12xlarge', 'ml.p4d.24xlarge', 'ml.p5.48xlarge',
];
const GPU = /^ml\.(g|p)\d/;

export class QuotaStore {
  private readonly defaults = new Map<string, number>();
  private readonly applied = new Map<string, number>();

  constructor(private readonly region: string, private readonly accountId: string) {
    for (const type of TYPES) for (const usage of USAGES) this.defaults.set(`${type} for ${usage}`, GPU.test(type) ? 0 : 4);
  }

  /** An applied value (what a granted increase request leaves behind). */
  set(name: string, value: number): void {
    this.applied.set(name, value);
    if (!this.defaults.has(name)) this.defaults.set(name, 0);
  }

  list(applied: boolean): Params[] {
    const source = applied ? this.applied : this.defaults;
    return [...source].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => this.quota(name, value));
  }

  get(code: string): Params {
    const name = [...this.defaults.keys()].find((n) => codeOf(n) === code);
    if (name === undefined) throw new ServiceError('NoSuchResourceException', `The request failed because the specified quota ${code} does not exist.`);
    return this.quota(name, this.applied.get(name) ?? this.defaults.get(name) ?? 0);
  }

  private quota(name: string, value: number): Params {
    const code = codeOf(name);
    return {
      ServiceCode: 'sagemaker', ServiceName: 'Amazon SageMaker', QuotaCode: code, QuotaName: name, Value: value,
      QuotaArn: `arn:aws:servicequotas:${this.region}:${this.accountId}:sagemaker/${code}`,
      Unit: 'None', Adjustable: true, GlobalQuota: false,
    };
  }
}

/** A stable L-XXXXXXXX code per name (the service's codes are opaque too). */
function codeOf(name: string): string {
  return `L-${createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase()}`;
}

function requireSageMaker(p: Params): void {
  if (p['ServiceCode'] !== 'sagemaker') throw new ServiceError('NoSuchResourceException', `The request failed because the specified service ${String(p['ServiceCode'])} does not exist.`);
}

export function quotaHandlers(store: QuotaStore): Handlers {
  const list = (applied: boolean) => async (p: Params) => {
    requireSageMaker(p);
    const { items, NextToken } = page(store.list(applied), p, 100);
    return { Quotas: items, ...(NextToken ? { NextToken } : {}) };
  };
  return {
    ListServiceQuotas: list(true),
    ListAWSDefaultServiceQuotas: list(false),
    GetServiceQuota: async (p) => {
      requireSageMaker(p);
      return { Quota: store.get(String(p['QuotaCode'])) };
    },
  };
}
