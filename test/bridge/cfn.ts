import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** CloudFormation YAML: the short-form intrinsic functions become their long JSON form. */
const scalar = (tag: string, fn: string, split = false) => ({ tag, resolve: (v: string) => ({ [fn]: split ? v.split('.') : v }) });
const seq = (tag: string, fn: string) => ({ tag, collection: 'seq' as const, resolve: (v: { toJSON(): unknown }) => ({ [fn]: v.toJSON() }) });
const TAGS = [
  scalar('!Ref', 'Ref'), scalar('!GetAtt', 'Fn::GetAtt', true), scalar('!Sub', 'Fn::Sub'), seq('!Sub', 'Fn::Sub'),
  seq('!Not', 'Fn::Not'), seq('!Equals', 'Fn::Equals'), seq('!If', 'Fn::If'), seq('!Join', 'Fn::Join'), seq('!Select', 'Fn::Select'),
];

export interface Template {
  Parameters: Record<string, { Type: string; Default?: string }>;
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
