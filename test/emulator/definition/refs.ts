/** Finds the {"Get": "..."} references inside a piece of a pipeline definition. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Reference {
  /** First segment: Parameters, Execution, Steps (anything else is kept as is). */
  root: string;
  /** The parameter, execution variable or step name. */
  name: string;
  /** The whole Get string, for messages. */
  path: string;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** 'Steps.Train.ModelArtifacts.S3ModelArtifacts' → root Steps, name Train. */
export function parseGet(path: string): Reference {
  const dot = path.indexOf('.');
  const root = dot < 0 ? path : path.slice(0, dot);
  const name = /^[^.[]*/.exec(dot < 0 ? '' : path.slice(dot + 1))?.[0] ?? '';
  return { root, name, path };
}

/**
 * Every Get under `value`. `skip` names object keys not to descend into: a condition step's
 * IfSteps/ElseSteps are steps of their own, not references of the condition.
 */
export function collectReferences(value: Json | undefined, skip: ReadonlySet<string> = new Set()): Reference[] {
  const out: Reference[] = [];
  const walk = (node: Json | undefined): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (typeof node['Get'] === 'string' && Object.keys(node).length === 1) out.push(parseGet(node['Get']));
      else for (const [key, child] of Object.entries(node)) if (!skip.has(key)) walk(child);
    }
  };
  walk(value);
  return out;
}
