/**
 * Evaluates the run-time expressions of a definition: {"Get": …} on Parameters, Execution and
 * Steps, Std:Join and Std:JsonGet. What cannot be resolved raises a ResolveError, which fails
 * the step that needed it, as the service fails it.
 */
import { isObject, parseGet, type Json, type JsonObject } from '../definition/refs.js';
import { readPath } from './paths.js';

export class ResolveError extends Error {}

export interface ResolveScope {
  parameters: Record<string, Json>;
  /** An execution variable (PipelineExecutionId, …), undefined when not known here. */
  execution(name: string): string | undefined;
  /** The properties of a finished step, undefined when it has not run. */
  step(name: string): Record<string, unknown> | undefined;
  /** The parsed JSON of a step's property file (S3 first, then a configured value). */
  propertyFile(step: string, file: string): Promise<unknown>;
  /** The parsed JSON object at an S3 URI, undefined when absent. */
  readJson(uri: string): Promise<unknown>;
}

export async function resolveValue(value: Json | undefined, scope: ResolveScope): Promise<Json> {
  if (value === undefined) return null;
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveValue(v, scope)));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value['Get'] === 'string') return resolveGet(value['Get'], scope);
  if (keys.length === 1 && isObject(value['Std:Join'])) return join(value['Std:Join'], scope);
  if (keys.length === 1 && isObject(value['Std:JsonGet'])) return jsonGet(value['Std:JsonGet'], scope);
  const out: JsonObject = {};
  for (const key of keys) out[key] = await resolveValue(value[key], scope);
  return out;
}

function resolveGet(path: string, scope: ResolveScope): Json {
  const ref = parseGet(path);
  if (ref.root === 'Parameters') {
    if (!(ref.name in scope.parameters)) throw new ResolveError(`Parameter '${ref.name}' has no value.`);
    return scope.parameters[ref.name]!;
  }
  if (ref.root === 'Execution') {
    const value = scope.execution(ref.name);
    if (value === undefined) throw new ResolveError(`Execution variable '${path}' is not available here.`);
    return value;
  }
  const properties = ref.root === 'Steps' ? scope.step(ref.name) : undefined;
  if (!properties) throw new ResolveError(`Cannot resolve '${path}': step '${ref.name}' has not run.`);
  const rest = path.slice(`Steps.${ref.name}`.length).replace(/^\./, '');
  const value = readPath(properties, rest);
  if (value === undefined) throw new ResolveError(`Cannot resolve '${path}': step '${ref.name}' has no such property.`);
  return value as Json;
}

/** How the service renders a value inside Std:Join. */
export function render(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

async function join(spec: JsonObject, scope: ResolveScope): Promise<string> {
  const on = render(await resolveValue(spec['On'] ?? '', scope));
  const values = Array.isArray(spec['Values']) ? spec['Values'] : [];
  const resolved = await Promise.all(values.map((v) => resolveValue(v, scope)));
  return resolved.map(render).join(on);
}

async function jsonGet(spec: JsonObject, scope: ResolveScope): Promise<Json> {
  const path = spec['Path'];
  if (typeof path !== 'string') throw new ResolveError('Std:JsonGet needs a Path.');
  const document = await jsonDocument(spec, scope);
  const value = readPath(document, path);
  if (value === undefined) throw new ResolveError(`Std:JsonGet: no value at '${path}'.`);
  return value as Json;
}

async function jsonDocument(spec: JsonObject, scope: ResolveScope): Promise<unknown> {
  const file = spec['PropertyFile'];
  if (isObject(file) && typeof file['Get'] === 'string') {
    const match = /^Steps\.([^.]+)\.PropertyFiles\.(.+)$/.exec(file['Get']);
    if (!match) throw new ResolveError(`Std:JsonGet: '${file['Get']}' is not a property file.`);
    return scope.propertyFile(match[1]!, match[2]!);
  }
  if (spec['S3Uri'] !== undefined) {
    const uri = render(await resolveValue(spec['S3Uri'], scope));
    const document = await scope.readJson(uri);
    if (document === undefined) throw new ResolveError(`Std:JsonGet: no JSON object at ${uri}.`);
    return document;
  }
  throw new ResolveError('Std:JsonGet needs a PropertyFile or an S3Uri.');
}
