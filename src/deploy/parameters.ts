import type { Json } from '../expr/types.js';
import type { ParameterSpec, ParameterType } from '../spec/types.js';
import { closest } from '../util/suggest.js';
import { DeployError } from './errors.js';

/** A pipeline parameter as `start` checks it: from the spec, or from a deployed definition. */
export interface ParameterRule {
  name: string;
  type: ParameterType;
  hasDefault: boolean;
  enum?: readonly (string | number | boolean)[];
}

export interface ParameterValue {
  Name: string;
  Value: string;
}

export function rulesFromSpec(parameters: Record<string, ParameterSpec>): ParameterRule[] {
  return Object.entries(parameters).map(([name, p]) => ({ name, type: p.type, hasDefault: p.default !== undefined, ...(p.enum ? { enum: p.enum } : {}) }));
}

const TYPES: Record<string, ParameterType> = { String: 'string', Integer: 'integer', Float: 'float', Boolean: 'boolean' };

/** From a deployed definition's `Parameters` (only string enums survive in a definition). */
export function rulesFromDefinition(definition: Json | undefined): ParameterRule[] {
  const list = ((definition as { Parameters?: Record<string, unknown>[] } | undefined)?.Parameters ?? []);
  return list.map((p) => ({
    name: String(p.Name),
    type: TYPES[String(p.Type)] ?? 'string',
    hasDefault: p.DefaultValue !== undefined,
    ...(Array.isArray(p.EnumValues) ? { enum: p.EnumValues as string[] } : {}),
  }));
}

/**
 * `--param K=V` values checked against the rules: known names, values of the declared type, enum
 * members, no duplicates, and a value for every parameter without a default. All problems are
 * reported at once, before any AWS call.
 */
export function checkParameters(args: readonly string[], rules: readonly ParameterRule[]): ParameterValue[] {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      problems.push(`--param ${arg}: expected NAME=VALUE`);
      continue;
    }
    const [name, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const problem = values.has(name) ? `parameter ${name} is given twice` : checkOne(name, value, byName);
    if (problem) problems.push(problem);
    else values.set(name, normalise(value, byName.get(name) as ParameterRule));
  }
  for (const rule of rules) if (!rule.hasDefault && !values.has(rule.name)) problems.push(`parameter ${rule.name} has no default: pass --param ${rule.name}=VALUE`);
  if (problems.length) throw new DeployError('SMP9003', problems.join('\n  '), `parameters: ${rules.map(describe).join(', ') || '(none)'}`);
  return [...values].map(([Name, Value]) => ({ Name, Value }));
}

function checkOne(name: string, value: string, rules: Map<string, ParameterRule>): string | undefined {
  const rule = rules.get(name);
  if (!rule) {
    const near = closest(name, [...rules.keys()]);
    return `unknown parameter ${name}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  const typed = parseAs(value, rule.type);
  if (typed === undefined) return `parameter ${name} is ${rule.type === 'integer' ? 'an' : 'a'} ${rule.type}, got ${JSON.stringify(value)}`;
  if (rule.enum && !rule.enum.includes(typed)) return `parameter ${name} must be one of ${rule.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`;
  return undefined;
}

/** The typed value of a command-line string, or undefined when it is not of that type. */
export function parseAs(value: string, type: ParameterType): string | number | boolean | undefined {
  switch (type) {
    case 'string':
      return value;
    case 'integer':
      return /^[-+]?\d+$/.test(value.trim()) ? Number(value) : undefined;
    case 'float':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
    case 'boolean':
      return /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : undefined;
  }
}

/** The string SageMaker receives: numbers in their plain form (`+16` → `16`), booleans lower-case. */
function normalise(value: string, rule: ParameterRule): string {
  const typed = parseAs(value, rule.type);
  return typeof typed === 'string' ? typed : String(typed);
}

function describe(rule: ParameterRule): string {
  return `${rule.name} (${rule.type}${rule.enum ? `: ${rule.enum.join('|')}` : ''})`;
}
