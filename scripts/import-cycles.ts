/**
 * Import cycles among the TypeScript modules under a folder (default src/), type-only imports
 * included: a cycle of `import type` still ties two modules' meanings together, and one value
 * import added later turns it into an initialisation-order bug. Relative imports only (packages
 * cannot import us back); `import()` counts too.
 *
 *   npx tsx scripts/import-cycles.ts [DIR]     prints each cycle; exit 1 if there is one
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every .ts/.cts file under `dir`, relative to it, with '/' separators. */
function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, base);
    return /\.c?ts$/.test(name) && !name.endsWith('.d.ts') ? [relative(base, path).split('\\').join('/')] : [];
  });
}

/** Whether an import declaration brings in types only (`import type`, or every name marked `type`). */
function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The relative module specifiers of one file, with whether each is type-only. */
function specifiers(text: string, file: string): { spec: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) found.push({ spec: node.moduleSpecifier.text, typeOnly: importIsTypeOnly(node) });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push({ spec: node.arguments[0].text, typeOnly: false });
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push({ spec: node.argument.literal.text, typeOnly: true });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((f) => f.spec.startsWith('.'));
}

/** The import graph of the modules under `dir` (edges to files outside it are left out). */
export function importGraph(dir: string): ImportEdge[] {
  const files = new Set(sourceFiles(dir));
  return [...files].flatMap((file) =>
    specifiers(readFileSync(join(dir, file), 'utf8'), file).flatMap(({ spec, typeOnly }) => {
      const target = relative(dir, resolve(dir, dirname(file), spec)).split('\\').join('/').replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts');
      return files.has(target) ? [{ from: file, to: target, typeOnly }] : [];
    }),
  );
}

/** Strongly connected components of more than one module (or a module importing itself), sorted. */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  // Tarjan's algorithm; recursion depth is bounded by the longest import chain.
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** One cycle as text: its modules and the imports between them (type-only ones marked). */
export function describeCycle(cycle: readonly string[], edges: readonly ImportEdge[]): string {
  const members = new Set(cycle);
  const inside = edges.filter((e) => members.has(e.from) && members.has(e.to));
  return `${cycle.join(' ↔ ')}\n${inside.map((e) => `    ${e.from} → ${e.to}${e.typeOnly ? ' (type-only)' : ''}`).join('\n')}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'src');
  const edges = importGraph(dir);
  const cycles = importCycles(edges);
  for (const cycle of cycles) console.log(describeCycle(cycle, edges));
  console.log(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'} under ${relative(process.cwd(), dir) || '.'}`);
  process.exitCode = cycles.length ? 1 : 0;
}
