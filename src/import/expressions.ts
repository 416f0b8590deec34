/**
 * Definition values back to spec values: `{"Get": "Parameters.X"}` → `${params.X}`, a Std:Join →
 * text with `${...}` in it, a Std:JsonGet on a property file → `${steps.S.reports.R.path}`, and
 * literal text with `${` escaped as `$${`. A function no expression names (a Get of a path no
 * step kind exposes, a JsonGet on an S3 URI) stays as its JSON object, which the compiler passes
 * through unchanged, so nothing is lost.
 */
import { EXECUTION_VARIABLES } from '../expr/resolve.js';
import { isJsonObject, type Json, type JsonObject } from '../expr/types.js';
import { setOwn } from '../util/own.js';

/** How the spec names other steps' properties: the text after `steps.S.`, or undefined. */
export interface Names {
  parameters: ReadonlySet<string>;
  /** `ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri` of step S → `outputs.x`. */
  stepProperty(step: string, rest: string): string | undefined;
  /** Property file R of step S: is it one `${steps.S.reports.R…}` reads? */
  hasReport(step: string, file: string): boolean;
  /** A whole Std:Join that a step's kind builds as one property (a tuning step's `bestModel`): its text after `steps.`. */
  joinProperty?(join: JsonObject): string | undefined;
}

const EXECUTION_NAMES = new Map(Object.entries(EXECUTION_VARIABLES).map(([name, get]) => [get, name]));

/** Literal text as the spec writes it: `${` would start an expression. */
export function escapeText(text: string): string {
  return text.replaceAll('${', () => '$${');
}

/** A definition value as a spec value: expressions where they name it, the JSON itself elsewhere. */
export function toSpec(value: Json, names: Names): unknown {
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map((v) => toSpec(v, names));
  if (!isJsonObject(value)) return value;
  if (isFunction(value)) return expressionText(value, names) ?? rawFunction(value);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) setOwn(out, key, toSpec(child, names));
  return out;
}

/** The value as spec text: a string, or a function an expression (or text with expressions) names; else undefined. */
export function toText(value: Json | undefined, names: Names): string | undefined {
  if (typeof value === 'string') return escapeText(value);
  if (isJsonObject(value) && isFunction(value)) return expressionText(value, names);
  return undefined;
}

function isFunction(value: JsonObject): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Get' || keys[0] === 'Std:Join' || keys[0] === 'Std:JsonGet');
}

/** A function as spec text, or undefined when some part of it has no expression. */
function expressionText(value: JsonObject, names: Names): string | undefined {
  if (typeof value.Get === 'string') {
    const ref = getReference(value.Get, names);
    return ref === undefined ? undefined : `\${${ref}}`;
  }
  if (isJsonObject(value['Std:JsonGet'])) {
    const ref = jsonGetReference(value['Std:JsonGet'], names);
    return ref === undefined ? undefined : `\${${ref}}`;
  }
  const join = value['Std:Join'];
  if (!isJsonObject(join)) return undefined;
  const whole = names.joinProperty?.(join);
  return whole !== undefined && expressible(whole) ? `\${steps.${whole}}` : joinText(join, names);
}

/** `Parameters.X` → `params.X`, `Execution.PipelineExecutionId` → `execution.id`, `Steps.S.…` → what S's kind exposes. */
export function getReference(path: string, names: Names): string | undefined {
  if (path.startsWith('Parameters.')) {
    const name = path.slice('Parameters.'.length);
    return names.parameters.has(name) ? `params.${name}` : undefined;
  }
  if (path.startsWith('Execution.')) {
    const name = EXECUTION_NAMES.get(path);
    return name === undefined ? undefined : `execution.${name}`;
  }
  const match = /^Steps\.([A-Za-z0-9_-]{1,64})\.(.+)$/s.exec(path);
  if (!match) return undefined;
  const tail = names.stepProperty(match[1] as string, match[2] as string);
  return tail === undefined || !expressible(tail) ? undefined : `steps.${match[1]}.${tail}`;
}

function jsonGetReference(spec: JsonObject, names: Names): string | undefined {
  const file = isJsonObject(spec.PropertyFile) ? spec.PropertyFile.Get : undefined;
  const match = typeof file === 'string' ? /^Steps\.([A-Za-z0-9_-]{1,64})\.PropertyFiles\.([A-Za-z0-9_-]+)$/.exec(file) : null;
  if (!match || typeof spec.Path !== 'string' || !spec.Path || !expressible(spec.Path)) return undefined;
  const [, step = '', name = ''] = match;
  return names.hasReport(step, name) ? `steps.${step}.reports.${name}.${spec.Path}` : undefined;
}

/** Text inside `${...}` ends at the first unquoted `}` and cannot hold another `${`. */
function expressible(tail: string): boolean {
  return !tail.includes('${') && !/\}/.test(tail.replace(/'[^']*'|"[^"]*"/g, ''));
}

/** Std:Join as text: its parts with the separator between them, nested joins flattened. */
function joinText(join: JsonObject, names: Names): string | undefined {
  if (typeof join.On !== 'string' || !Array.isArray(join.Values)) return undefined;
  const parts: string[] = [];
  for (const value of join.Values) {
    const part = joinPart(value, names);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join(escapeText(join.On));
}

function joinPart(value: Json, names: Names): string | undefined {
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isJsonObject(value) && isFunction(value)) return expressionText(value, names);
  return undefined;
}

/** A function kept as JSON: its literal strings escaped, so the compiler's lowering leaves it as it is. */
function rawFunction(value: JsonObject): unknown {
  const escape = (v: Json): unknown => {
    if (typeof v === 'string') return escapeText(v);
    if (Array.isArray(v)) return v.map(escape);
    if (!isJsonObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(v)) setOwn(out, key, escape(child));
    return out;
  };
  return escape(value);
}
