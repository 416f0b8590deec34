import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** CloudFormation YAML: the short-form intrinsic functions become their long JSON form. */
const scalar = (tag: string, fn: string, split = false) => ({ tag, resolve: (v: string) => ({ [fn]: split ? v.split('.') : v }) });
const seq = (tag: string, fn: string) => ({ tag, collection: 'seq' as const, resolve: (v: { toJSON(): unknown }) => ({ [fn]: v.toJSON() }) });
const TAGS = [
  scalar('!Ref', 'Ref'), scalar('!GetAtt', 'Fn::GetAtt', true), scalar('!Sub', 'Fn::Sub'), seq('!Sub', 'Fn::Sub'),
  seq('!Split', 'Fn::Split'), seq('!Not', 'Fn::Not'), seq('!Equals', 'Fn::Equals'), seq('!If', 'Fn::If'), seq('!Join', 'Fn::Join'), seq('!Select', 'Fn::Select'),
];

export interface Template {
  Parameters: Record<string, { Type: string; Default?: string; AllowedPattern?: string }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; DependsOn?: string | string[]; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Value: unknown }>;
}

export function loadTemplate(path = 'containers/labeling-bridge/stack.yaml'): Template {
  return parse(readFileSync(path, 'utf8'), { customTags: TAGS }) as Template;
}

/** Every intrinsic function call in a value: [function name, argument]. */
export function intrinsics(value: unknown, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) value.forEach((v) => intrinsics(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition') out.push([key, v]);
      intrinsics(v, out);
    }
  }
  return out;
}

/** The local modules a bridge module reaches through its relative imports, itself included. */
export function reachableModules(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.\/[^']+)\.js'/g)) visit(join(dirname(file), `${match[1]}.ts`));
  };
  visit(entry);
  return [...seen].sort();
}

/** `new XCommand(` in the sources: the AWS calls the code can make. */
export function commandsIn(files: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)) found.add(m[1] as string);
  return [...found].sort();
}

export interface Scope {
  /** Parameter values as CloudFormation passes them (a CommaDelimitedList as a list). */
  parameters: Record<string, string | string[]>;
  region: string;
  accountId: string;
}

/**
 * Evaluates the intrinsic functions of a template value as CloudFormation does (a variable's
 * value in Fn::Sub is not substituted again, unlike moto's), so tests can read the policies a
 * deploy would make. `Fn::GetAtt` gives "<Resource.Attribute>".
 */
export function evaluate(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (!value || typeof value !== 'object') return value;
  const [[fn, arg]] = Object.entries(value) as [[string, unknown]];
  if (fn === 'Ref') return ref(arg as string, scope);
  if (fn === 'Fn::GetAtt') return `<${(arg as string[]).join('.')}>`;
  if (fn === 'Fn::Join') return (evaluate((arg as unknown[])[1], scope) as unknown[]).join((arg as string[])[0]);
  if (fn === 'Fn::Split') return String(evaluate((arg as unknown[])[1], scope)).split((arg as string[])[0] as string);
  if (fn === 'Fn::Select') return (evaluate((arg as unknown[])[1], scope) as unknown[])[Number((arg as unknown[])[0])];
  if (fn === 'Fn::Sub') return sub(arg, scope);
  if (fn.startsWith('Fn::')) throw new Error(`evaluate: ${fn} is not supported`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]));
}

function ref(name: string, scope: Scope): unknown {
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': scope.region, 'AWS::AccountId': scope.accountId, 'AWS::StackName': 'stack' };
  const found = pseudo[name] ?? scope.parameters[name];
  if (found === undefined) throw new Error(`evaluate: no value for Ref ${name}`);
  return found;
}

function sub(arg: unknown, scope: Scope): string {
  const [template, variables] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
  const values = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, evaluate(v, scope)]));
  return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in values) return String(values[name]);
    return name.includes('.') ? `<${name}>` : String(ref(name, scope));
  });
}
