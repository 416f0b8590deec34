/** Summaries and usage of the commands that work offline on a spec: compile, validate, graph, explain. */
import { COMPILE_FLAGS } from './flags.js';

export const LOCAL_HELP = {
  compile: {
    summary: 'compile a spec to definition.json, manifest.json and assets',
    usage: `smpipe compile SPEC [--vars FILE] [--set KEY=VALUE]... [--out DIR] [--format text|json]

Writes DIR/definition.json (exactly what CreatePipeline receives), DIR/manifest.json
(pipeline settings and every asset with its sha256 and S3 URI), DIR/assets/ and the marker
DIR/.smpipe-output. DIR defaults to build/<pipeline>. Nothing is written when the spec has
errors, nor when DIR holds exactly this output already (an unchanged spec). DIR is replaced
whole, so it must be absent, empty, or an earlier smpipe output; anything else (the current
folder, a folder of other files, a file) is refused (SMP1010).

${COMPILE_FLAGS}
  --out DIR        output folder`,
  },
  validate: {
    summary: 'check a spec and print its diagnostics; writes nothing',
    usage: `smpipe validate SPEC [--vars FILE] [--set KEY=VALUE]... [--format text|json]

${COMPILE_FLAGS}`,
  },
  graph: {
    summary: 'print the step graph as a Mermaid flowchart (or Graphviz dot)',
    usage: `smpipe graph SPEC [--vars FILE] [--set KEY=VALUE]... [--format mermaid|dot]

Solid arrows are data references, dotted ones dependsOn, labelled ones condition branches.
Vars are optional here: a var without a value does not change the graph.`,
  },
  explain: {
    summary: 'explain a diagnostic code: what it means, a failing example and its fix',
    usage: `smpipe explain [CODE]

With a code (SMP3002, or just 3002) prints what the check means, an example that fails
with it and the fix. Without one, lists every code.`,
  },
} as const;
