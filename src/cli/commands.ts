import { join } from 'node:path';
import { codeList, codeNamed, explainCode } from './explain.js';
import { truncate } from '../util/truncate.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { one, parse, UsageError } from './args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from './load-spec.js';
import { writeCompileOutput } from './write-output.js';
import { dot, mermaid } from './graph.js';
import { DEPLOY_COMMANDS } from './deploy-commands.js';
import { labelingCommand } from './labeling-command.js';
import { SPEC_FLAGS } from './help-text.js';
import { RUN_HELP } from '../run/help.js';
import { CHECK_HELP, IMPORT_HELP } from '../import/help.js';

export interface Command {
  summary: string;
  usage: string;
  /** Exit status; commands that talk to AWS resolve it later. */
  run(argv: string[]): number | Promise<number>;
}

const COMPILE_FLAGS = `${SPEC_FLAGS}
  --format F       diagnostics as text (default) or json`;

export const COMMANDS: Record<string, Command> = {
  compile: {
    summary: 'compile a spec to definition.json, manifest.json and assets',
    usage: `smpipe compile SPEC [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--format text|json]

Writes DIR/definition.json (exactly what CreatePipeline receives), DIR/manifest.json
(pipeline settings and every asset with its sha256 and S3 URI), DIR/assets/ and the marker
DIR/.smpipe-output. DIR defaults to build/<pipeline>. Nothing is written when the spec has
errors. DIR is replaced whole, so it must be absent, empty, or an earlier smpipe output;
anything else (the current folder, a folder of other files, a file) is refused (SMP1010).

${COMPILE_FLAGS}
  --out DIR        output folder`,
    run(argv) {
      const parsed = parse(argv, { ...COMPILE_OPTIONS, out: { type: 'string' } });
      const format = parsed.values.format as string | undefined;
      if (format !== undefined && format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${format}`);
      const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
      const out = (parsed.values.out as string | undefined) ?? join('build', result.manifest?.pipeline ?? '');
      // Written before printing, so a refused or unwritable folder prints with the warnings (one JSON array).
      const refused = result.manifest && !hasErrors(result.diagnostics) ? writeCompileOutput(result, out) : undefined;
      if (refused) result.diagnostics.push(refused);
      if (printDiagnostics(result, format) || !result.manifest) return 1;
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

Solid arrows are data references, dotted ones dependsOn, labelled ones condition branches.
Vars are optional here: a var without a value does not change the graph.`,
    run(argv) {
      const parsed = parse(argv, COMPILE_OPTIONS);
      const format = (parsed.values.format as string | undefined) ?? 'mermaid';
      if (format !== 'mermaid' && format !== 'dot') throw new UsageError(`--format must be mermaid or dot, got ${format}`);
      const compiled = compileFromArgs(one(parsed, 'SPEC'), parsed);
      // The graph is made of step names and references: a var without a value changes neither.
      const result = { ...compiled, diagnostics: compiled.diagnostics.filter((d) => d.code !== 'SMP3004') };
      if (printDiagnostics(result, 'text') || !result.graph) return 1;
      process.stdout.write(format === 'dot' ? dot(result.graph) : mermaid(result.graph));
      return 0;
    },
  },
  explain: {
    summary: 'explain a diagnostic code: what it means, a failing example and its fix',
    usage: `smpipe explain [CODE]

With a code (SMP3002, or just 3002) prints what the check means, an example that fails
with it and the fix. Without one, lists every code.`,
    run(argv) {
      const parsed = parse(argv, {});
      if (parsed.positionals.length > 1) throw new UsageError(`expected at most one code, got ${parsed.positionals.length}`);
      const wanted = parsed.positionals[0];
      if (wanted === undefined) {
        process.stdout.write(codeList());
        return 0;
      }
      const code = codeNamed(wanted);
      if (!code) throw new UsageError(`unknown code ${truncate(wanted, 40)} (smpipe explain lists them all)`);
      process.stdout.write(explainCode(code));
      return 0;
    },
  },
  ...DEPLOY_COMMANDS,
  labeling: labelingCommand,
  // Loaded on first use, like the deploy commands: compile and --help never load the runner.
  run: { ...RUN_HELP, run: async (argv) => (await import('../run/command.js')).runCommand(argv) },
  // Loaded on first use too: compile never loads the importer, and a file import never loads the AWS SDK.
  import: { ...IMPORT_HELP, run: async (argv) => (await import('../import/command.js')).importCommand(argv) },
  check: { ...CHECK_HELP, run: async (argv) => (await import('../import/command.js')).checkCommand(argv) },
};
