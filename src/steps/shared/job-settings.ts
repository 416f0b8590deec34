import type { Json } from '../../expr/types.js';
import type { StepContext } from '../types.js';
import { setOwn } from '../../util/own.js';

/** VpcConfig from defaults.network, or undefined when no VPC is configured. */
export function vpcConfig(ctx: StepContext): Json | undefined {
  const network = ctx.defaults.network;
  if (!network?.subnets?.length && !network?.securityGroups?.length) return undefined;
  return { SecurityGroupIds: network.securityGroups ?? [], Subnets: network.subnets ?? [] };
}

/** Job tags: defaults.tags then the step's own `tags`. */
export function jobTags(ctx: StepContext): Json | undefined {
  const own = (ctx.spec.tags as Record<string, unknown> | undefined) ?? {};
  const merged: Record<string, string> = { ...(ctx.defaults.tags ?? {}) };
  for (const key of Object.keys(own)) setOwn(merged, key, String(ctx.compileTime(`tags/${key}`) ?? ''));
  const entries = Object.entries(merged);
  return entries.length ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

/** The step's environment map, each value lowered to a string (numbers/booleans joined). */
export function environment(ctx: StepContext, rel = 'environment'): Json | undefined {
  const env = ctx.spec[rel] as Record<string, unknown> | undefined;
  if (!env) return undefined;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(env)) setOwn(out, key, ctx.value(`${rel}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'string') ?? '');
  return out;
}

/** Sets `target[key]` only when the value is defined: compiled objects carry no undefined members. */
export function put(target: Record<string, Json>, key: string, value: Json | undefined): void {
  if (value !== undefined) target[key] = value;
}
