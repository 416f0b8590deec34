/**
 * The `smpipe import` and `smpipe check` commands. A PIPELINE_NAME is read with DescribePipeline
 * through src/deploy's clients, loaded only then, so importing or checking a file never loads the
 * AWS SDK.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/reporter.js';
import { renderJson, renderText, summary } from '../views/diagnostics.js';
import type { SourceFile } from '../spec/source.js';
import { one, parse, UsageError } from '../cli/args.js';
import { AWS_OPTIONS, awsOptions } from '../cli/aws-flags.js';
import { readText } from '../cli/load-spec.js';
import { checkDefinitionText, uniqueSteps } from './check.js';
import { loadDefinition } from './definition.js';
import { importDefinition } from './round-trip.js';
import { IMPORT_HEADER } from './yaml.js';

export async function importCommand(argv: string[]): Promise<number> {
  const parsed = parse(argv, { ...AWS_OPTIONS, out: { type: 'string' }, name: { type: 'string' } });
  const target = one(parsed, 'DEFINITION.json or PIPELINE_NAME');
  const out = parsed.values.out as string | undefined;
  const read = isFile(target) ? { text: readText(target, 'definition'), file: target, name: nameFromFile(target) } : await describe(target, parsed);
  const loaded = loadDefinition(read.file, read.text);
  // A spec's steps are a map: a second step of the same name would silently replace the first.
  if (loaded.definition) uniqueSteps(loaded.steps, loaded.reporter);
  if (!loaded.definition || hasErrors(loaded.reporter.diagnostics)) return print(loaded.reporter.diagnostics, new Map([[read.file, loaded.source]]));
  const name = (parsed.values.name as string | undefined) ?? read.name;
  // Findings point into the printed spec when it goes to standard output (no file of that name exists).
  const file = out ?? '(standard output)';
  const refused = out !== undefined ? refuse(out, loaded.source) : undefined;
  if (refused) return print([refused], new Map([[read.file, loaded.source]]));
  const imported = importDefinition(loaded.definition, loaded.steps, { name, file, from: read.file });
  if (out === undefined) process.stdout.write(imported.text);
  else writeAtomically(out, imported.text);
  const errors = print(imported.diagnostics, imported.result.sources);
  const raw = imported.raw.length ? `; raw steps: ${imported.raw.join(', ')}` : '';
  process.stderr.write(`imported ${plural(loaded.steps.length, 'step')} into ${out ?? 'standard output'}${raw}\n`);
  return errors;
}

export function checkCommand(argv: string[]): number {
  const parsed = parse(argv, { format: { type: 'string' } });
  const format = parsed.values.format as string | undefined;
  if (format !== undefined && format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${format}`);
  const file = one(parsed, 'DEFINITION.json');
  const loaded = checkDefinitionText(file, readText(file, 'definition'));
  const diagnostics = sortDiagnostics(loaded.reporter.diagnostics);
  if (format === 'json') {
    process.stdout.write(renderJson(diagnostics));
    return hasErrors(diagnostics) ? 1 : 0;
  }
  const status = print(diagnostics, new Map([[file, loaded.source]]));
  if (!status) process.stderr.write(`${file}: ${plural(loaded.steps.length, 'step')} checked\n`);
  return status;
}

/** A path, not a pipeline name: pipeline names (CreatePipeline's PipelineName) have no `/` or `.`. */
function isFile(target: string): boolean {
  return /[/.]/.test(target) || existsSync(target);
}

/** `build/p/definition.json` → `p`; `abalone.json` → `abalone`: letters, digits and hyphens. */
function nameFromFile(path: string): string {
  const base = basename(path).replace(/\.json$/i, '');
  const named = base === 'definition' ? basename(dirname(path)) : base;
  return named.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 82) || 'imported';
}

/** The deployed definition (DescribePipeline); SMP9009 when there is no such pipeline. */
async function describe(name: string, parsed: Parameters<typeof awsOptions>[0]): Promise<{ text: string; file: string; name: string }> {
  const [{ withClients }, { describePipeline }, { DeployError }] = await Promise.all([
    import('../deploy/clients.js'), import('../deploy/deployed.js'), import('../deploy/errors.js'),
  ]);
  const described = await withClients(awsOptions(parsed), (clients) => describePipeline(clients, name));
  if (!described) throw new DeployError('SMP9009', `no pipeline named ${name}`, 'check the name (smpipe import also takes a definition .json file)');
  const text = described.PipelineDefinition ?? '';
  return { text, file: `${name} (DescribePipeline)`, name: described.PipelineName ?? name };
}

/** An existing --out that smpipe import did not write is left alone (SMP8010). */
function refuse(out: string, source: SourceFile): Diagnostic | undefined {
  if (!existsSync(out)) return undefined;
  const ours = !lstatSync(out).isDirectory() && readFileSync(out, 'utf8').startsWith(IMPORT_HEADER);
  if (ours) return undefined;
  const reporter = new Reporter(source);
  reporter.report('SMP8010.exists', '', { path: out });
  return { ...(reporter.diagnostics[0] as Diagnostic), file: out, range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } };
}

/** Written whole or not at all: a temporary file beside it, renamed over it. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Diagnostics to stderr; 1 when there are errors. */
function print(diagnostics: readonly Diagnostic[], sources: Map<string, SourceFile>): number {
  if (diagnostics.length) process.stderr.write(`${renderText(diagnostics, sources, { frames: true })}${summary(diagnostics)}\n`);
  return hasErrors(diagnostics) ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
