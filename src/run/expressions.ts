/**
 * The definition's run-time functions: {"Get": …} on Parameters, Execution and Steps,
 * {"Std:Join": …} and {"Std:JsonGet": …}. What cannot be resolved fails the step that needed
 * it with the reason (the service does the same); preflight catches what it can before.
 */
import type { Json } from '../expr/types.js';
import { isObject, type JsonObject } from './definition.js';
import { StepFailure } from './errors.js';
import { readPath } from './paths.js';

export interface ResolveScope {
  parameter(name: string): Json | undefined;
  execution(name: string): string | undefined;
  /** Properties of a finished step (its Describe* response, locally built). */
  step(name: string): JsonObject | undefined;
  /** The parsed JSON of a step's property file. */
  propertyFile(step: string, name: string): Json;
}

/** A parsed `Get` path: `Parameters.X`, `Execution.X`, `Steps.S.rest`. */
export interface GetRef {
  root: string;
  name: string;
  rest: string;
}

export function parseGet(path: string): GetRef {
  const [root = '', name = '', ...tail] = path.split('.');
  if (root !== 'Steps') return { root, name: [name, ...tail].join('.'), rest: '' };
  // A step name has no dots (^[A-Za-z0-9_-]{1,64}$), so the rest starts after the second dot.
  const rest = path.slice(`Steps.${name}`.length).replace(/^\./, '');
  return { root, name, rest };
}

/** Every Get path in a value, with the JSON pointer of the value holding it. */
export function collectGets(value: Json | undefined, pointer = ''): { path: string; pointer: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectGets(v, `${pointer}/${i}`));
  if (!isObject(value)) return [];
  if (typeof value.Get === 'string' && Object.keys(value).length === 1) return [{ path: value.Get, pointer }];
  return Object.entries(value).flatMap(([k, v]) => collectGets(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

/** How a value reads inside Std:Join (and in a container argument or environment value). */
export function renderValue(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

export function resolveValue(value: Json | undefined, scope: ResolveScope): Json {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, scope));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value.Get === 'string') return resolveGet(value.Get, scope);
  if (keys.length === 1 && isObject(value['Std:Join'])) return join(value['Std:Join'], scope);
  if (keys.length === 1 && isObject(value['Std:JsonGet'])) return jsonGet(value['Std:JsonGet'], scope);
  const out: JsonObject = {};
  for (const key of keys) out[key] = resolveValue(value[key], scope);
  return out;
}

function resolveGet(path: string, scope: ResolveScope): Json {
  const ref = parseGet(path);
  if (ref.root === 'Parameters') {
    const value = scope.parameter(ref.name);
    if (value === undefined) throw new StepFailure(`Parameter '${ref.name}' has no value.`);
    return value;
  }
  if (ref.root === 'Execution') {
    const value = scope.execution(ref.name);
    if (value === undefined) throw new StepFailure(`Execution variable '${path}' is not available here.`);
    return value;
  }
  const properties = ref.root === 'Steps' ? scope.step(ref.name) : undefined;
  if (!properties) throw new StepFailure(`Cannot resolve '${path}': step '${ref.name}' has not run.`);
  const value = readPath(properties, ref.rest);
  if (value === undefined) throw new StepFailure(`Cannot resolve '${path}': step '${ref.name}' has no such property.`);
  return value as Json;
}

function join(spec: JsonObject, scope: ResolveScope): string {
  const on = renderValue(resolveValue(spec.On ?? '', scope));
  const values = Array.isArray(spec.Values) ? spec.Values : [];
  return values.map((v) => renderValue(resolveValue(v, scope))).join(on);
}

function jsonGet(spec: JsonObject, scope: ResolveScope): Json {
  const path = spec.Path;
  const file = spec.PropertyFile;
  if (typeof path !== 'string') throw new StepFailure('Std:JsonGet needs a Path.');
  const match = isObject(file) && typeof file.Get === 'string' ? /^Steps\.([^.]+)\.PropertyFiles\.(.+)$/.exec(file.Get) : null;
  if (!match) throw new StepFailure('Std:JsonGet needs a PropertyFile {"Get": "Steps.<step>.PropertyFiles.<name>"}.');
  const document = scope.propertyFile(match[1] as string, match[2] as string);
  const value = readPath(document, path);
  if (value === undefined) throw new StepFailure(`Std:JsonGet: no value at '${path}' in property file ${match[2]} of step ${match[1]}.`);
  return value as Json;
}
