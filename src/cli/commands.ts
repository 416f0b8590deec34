import { join } from 'node:path';
import { CODES } from '../diagnostics/codes.js';
import { one, parse, UsageError } from './args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from './load-spec.js';
import { writeCompileOutput } from './write-output.js';
import { dot, mermaid } from './graph.js';
import { DEPLOY_COMMANDS } from './deploy-commands.js';
import { labelingCommand } from './labeling-command.js';
import { RUN_HELP } from '../run/help.js';

export interface Command {
  summary: string;
  usage: string;
  /** Exit status; commands that talk to AWS resolve it later. */
  run(argv: string[]): number | Promise<number>;
}

const COMPILE_FLAGS = `  --vars FILE      YAML file of compile-time vars (keys must be declared under vars:)
  --set KEY=VALUE  set one var (repeatable; wins over --vars)
  --format F       diagnostics as text (default) or json`;

export const COMMANDS: Record<string, Command> = {
  compile: {
    summary: 'compile a spec to definition.json, manifest.json and assets',
    usage: `smpipe compile SPEC [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--format text|json]

Writes DIR/definition.json (exactly what CreatePipeline receives), DIR/manifest.json
(pipeline settings and every asset with its sha256 and S3 URI) and DIR/assets/.
DIR defaults to build/<pipeline>. Nothing is written when the spec has errors.

${COMPILE_FLAGS}
  --out DIR        output folder`,
    run(argv) {
      const parsed = parse(argv, { ...COMPILE_OPTIONS, out: { type: 'string' } });
      const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
      if (printDiagnostics(result, parsed.values.format as string | undefined) || !result.manifest) return 1;
      const out = (parsed.values.out as string | undefined) ?? join('build', result.manifest.pipeline);
      writeCompileOutput(result, out);
      const assets = result.assets.length;
      process.stderr.write(`compiled ${result.manifest.pipeline}: ${out}/definition.json (${result.manifest.definition.size} bytes), ${assets} asset${assets === 1 ? '' : 's'}\n`);
      return 0;
    },
  },
  validate: {
    summary: 'check a spec and print its diagnostics; writes nothing',
    usage: `smpipe validate SPEC [--vars FILE] [--set KEY=VALUE]... [--format text|json]

${COMPILE_FLAGS}`,
    run(argv) {
      const parsed = parse(argv, COMPILE_OPTIONS);
      const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
      const errors = printDiagnostics(result, parsed.values.format as string | undefined);
      if (!errors && parsed.values.format !== 'json') process.stderr.write(`${result.manifest?.pipeline}: ok\n`);
      return errors ? 1 : 0;
    },
  },
  graph: {
    summary: 'print the step graph as a Mermaid flowchart (or Graphviz dot)',
    usage: `smpipe graph SPEC [--vars FILE] [--set KEY=VALUE]... [--format mermaid|dot]

Solid arrows are data references, dotted ones dependsOn, labelled ones condition branches.`,
    run(argv) {
      const parsed = parse(argv, COMPILE_OPTIONS);
      const format = (parsed.values.format as string | undefined) ?? 'mermaid';
      if (format !== 'mermaid' && format !== 'dot') throw new UsageError(`--format must be mermaid or dot, got ${format}`);
      const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
      if (printDiagnostics(result, 'text') || !result.graph) return 1;
      process.stdout.write(format === 'dot' ? dot(result.graph) : mermaid(result.graph));
      return 0;
    },
  },
  explain: {
    summary: 'describe a diagnostic code, or list them all',
    usage: 'smpipe explain [SMPxxxx]',
    run(argv) {
      const parsed = parse(argv, {});
      const wanted = parsed.positionals[0]?.toUpperCase();
      const entries = Object.entries(CODES).filter(([code]) => !wanted || code === wanted);
      if (wanted && entries.length === 0) throw new UsageError(`unknown code ${wanted}`);
      for (const [code, info] of entries) process.stdout.write(`${code}  ${info.severity.padEnd(7)}  ${info.title}\n`);
      return 0;
    },
  },
  ...DEPLOY_COMMANDS,
  labeling: labelingCommand,
  // Loaded on first use, like the deploy commands: compile and --help never load the runner.
  run: { ...RUN_HELP, run: async (argv) => (await import('../run/command.js')).runCommand(argv) },
};
