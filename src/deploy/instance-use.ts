/**
 * Which instances a pipeline can ask for, read from its definition offline: per job step, the
 * instance types it may get (a literal, or every value an instance-type parameter's enum allows,
 * the one a run would choose marked), how many, under which Service Quotas usage, and for how long
 * at most. Preflight checks the quotas; plan and preflight price the worst case.
 */
import type { Json } from '../expr/types.js';
import { flattenSteps } from './step-diff.js';

/** The usage part of a SageMaker quota's name: "ml.g5.48xlarge for training job usage". */
export type Usage = 'training job' | 'spot training job' | 'processing job' | 'endpoint' | 'transform job';

export interface InstanceChoice {
  type: string;
  /** What a run started with these parameters (defaults unless given) gets. */
  chosen: boolean;
}

export interface InstanceUse {
  step: string;
  usage: Usage;
  choices: InstanceChoice[];
  /** The parameter that picks the type, when one does. */
  parameter?: string;
  count: number;
  /** Seconds a job may run (StoppingCondition.MaxRuntimeInSeconds); undefined: no limit set, or an endpoint (runs until deleted). */
  maxRuntimeSeconds?: number;
}

export function quotaName(type: string, usage: Usage): string {
  return `${type} for ${usage} usage`;
}

type Obj = Record<string, unknown>;
interface ParameterDef { Name: string; DefaultValue?: unknown; EnumValues?: unknown[] }

/** Every instance use of the definition, in step order; `given` are start's --param values. */
export function instanceUses(definition: Json, given: Readonly<Record<string, string>> = {}): InstanceUse[] {
  const parameters = new Map(((definition as { Parameters?: ParameterDef[] })?.Parameters ?? []).map((p) => [p.Name, p]));
  const resolve = new Resolver(parameters, given);
  return flattenSteps(definition).flatMap((step) => usesOf(step.name, step.type, (step.body.Arguments ?? {}) as Obj, resolve));
}

function usesOf(step: string, type: string, args: Obj, r: Resolver): InstanceUse[] {
  const stop = (args.StoppingCondition as Obj | undefined)?.MaxRuntimeInSeconds;
  const runtime = typeof stop === 'number' ? stop : undefined;
  if (type === 'Training') {
    const resources = (args.ResourceConfig ?? {}) as Obj;
    const usage: Usage = args.EnableManagedSpotTraining === true ? 'spot training job' : 'training job';
    return [r.use(step, usage, resources.InstanceType, resources.InstanceCount, runtime)];
  }
  if (type === 'Processing') {
    const cluster = (((args.ProcessingResources ?? {}) as Obj).ClusterConfig ?? {}) as Obj;
    return [r.use(step, 'processing job', cluster.InstanceType, cluster.InstanceCount, runtime)];
  }
  if (type === 'Transform') {
    const resources = (args.TransformResources ?? {}) as Obj;
    return [r.use(step, 'transform job', resources.InstanceType, resources.InstanceCount, undefined)];
  }
  if (type === 'EndpointConfig') {
    const variants = Array.isArray(args.ProductionVariants) ? (args.ProductionVariants as Obj[]) : [];
    return variants.filter((v) => v.InstanceType !== undefined).map((v) => r.use(step, 'endpoint', v.InstanceType, v.InitialInstanceCount, undefined));
  }
  return [];
}

class Resolver {
  constructor(private readonly parameters: Map<string, ParameterDef>, private readonly given: Readonly<Record<string, string>>) {}

  use(step: string, usage: Usage, type: unknown, count: unknown, maxRuntimeSeconds: number | undefined): InstanceUse {
    const parameter = this.parameterOf(type);
    return {
      step, usage, choices: this.choices(type, parameter), count: this.count(count),
      ...(parameter ? { parameter } : {}),
      ...(maxRuntimeSeconds !== undefined ? { maxRuntimeSeconds } : {}),
    };
  }

  private parameterOf(value: unknown): string | undefined {
    const get = (value as { Get?: unknown } | null)?.Get;
    return typeof get === 'string' && get.startsWith('Parameters.') ? get.slice('Parameters.'.length) : undefined;
  }

  /** The value a run gets: --param, else the default. */
  private current(name: string): string | undefined {
    const value = this.given[name] ?? this.parameters.get(name)?.DefaultValue;
    return value === undefined ? undefined : String(value);
  }

  private choices(value: unknown, parameter: string | undefined): InstanceChoice[] {
    if (typeof value === 'string') return [{ type: value, chosen: true }];
    if (!parameter) return [];
    const current = this.current(parameter);
    const allowed = (this.parameters.get(parameter)?.EnumValues ?? []).map(String);
    const types = allowed.length ? allowed : current !== undefined ? [current] : [];
    return types.map((type) => ({ type, chosen: type === current }));
  }

  /** A literal count, a parameter's value; 1 when it cannot be known offline. */
  private count(value: unknown): number {
    if (typeof value === 'number') return value;
    const parameter = this.parameterOf(value);
    const current = parameter ? Number(this.current(parameter)) : NaN;
    return Number.isInteger(current) && current > 0 ? current : 1;
  }
}
