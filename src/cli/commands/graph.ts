import { dot, mermaid } from '../../views/graph.js';
import { one, parse, UsageError } from '../args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from '../load-spec.js';

/** `smpipe graph`: the step graph as a Mermaid flowchart or Graphviz dot. */
export function run(argv: string[]): number {
  const parsed = parse(argv, COMPILE_OPTIONS);
  const format = (parsed.values.format as string | undefined) ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot') throw new UsageError(`--format must be mermaid or dot, got ${format}`);
  const compiled = compileFromArgs(one(parsed, 'SPEC'), parsed);
  // The graph is made of step names and references: a var without a value changes neither.
  const result = { ...compiled, diagnostics: compiled.diagnostics.filter((d) => d.code !== 'SMP3004') };
  if (printDiagnostics(result, 'text') || !result.graph) return 1;
  process.stdout.write(format === 'dot' ? dot(result.graph) : mermaid(result.graph));
  return 0;
}
