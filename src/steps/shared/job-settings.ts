import type { Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';
import { setOwn } from '../../util/own.js';

/** VpcConfig from defaults.network, or undefined when no VPC is configured. */
export function vpcConfig(ctx: StepServices): Json | undefined {
  const network = ctx.defaults.network;
  if (!network?.subnets?.length && !network?.securityGroups?.length) return undefined;
  return { SecurityGroupIds: network.securityGroups ?? [], Subnets: network.subnets ?? [] };
}

/** Job tags: defaults.tags then the step's own `tags` (compile-time values). */
export function jobTags(ctx: StepServices, tags: Field<Readonly<Record<string, string>> | undefined>): Json | undefined {
  const merged: Record<string, string> = { ...(ctx.defaults.tags ?? {}) };
  for (const [key, value] of tags.entries()) setOwn(merged, key, String(ctx.compileTime(value) ?? ''));
  const entries = Object.entries(merged);
  return entries.length ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

/** An environment map, each value lowered to a string where it stands (numbers and booleans joined). */
export function environment(ctx: StepServices, env: Field<Readonly<Record<string, string | number | boolean>> | undefined>): Record<string, Json> | undefined {
  if (env.raw === undefined) return undefined;
  const out: Record<string, Json> = {};
  for (const [key, value] of env.entries()) setOwn(out, key, ctx.value(value, 'string'));
  return out;
}

/** Sets `target[key]` only when the value is defined: compiled objects carry no undefined members. */
export function put(target: Record<string, Json>, key: string, value: Json | undefined): void {
  if (value !== undefined) target[key] = value;
}
