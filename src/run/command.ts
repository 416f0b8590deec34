/**
 * `smpipe run`: reads (or compiles) the pipeline, runs it, prints the summary. Exit status:
 * 0 succeeded, 1 a step or Fail step failed or the definition cannot run here, 2 usage,
 * 130 stopped with Ctrl-C (the shell's convention for SIGINT).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, one, UsageError, type Parsed } from '../cli/args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from '../cli/load-spec.js';
import { writeCompileOutput } from '../cli/write-output.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderText } from '../diagnostics/render.js';
import { Reporter } from '../diagnostics/reporter.js';
import { loadYaml } from '../spec/load.js';
import { flattenSteps } from './definition.js';
import { RunError } from './errors.js';
import { readCompiledFolder, type CompiledFolder } from './folder.js';
import { isLabelingRequest, labelAttribute, readLabelsFile } from './labels.js';
import { readAnswerFile } from './steps/callback.js';
import { readStepOutputs, runsOnlyInAws } from './steps/recorded.js';
import type { RunOptions } from './options.js';
import { findPython } from './python-env.js';
import { PreflightError, runPipeline } from './run-pipeline.js';
import { RunStore } from './state.js';
import type { PreflightProblem } from './steps/types.js';
import { renderSummary } from './summary.js';
import { LocalS3 } from './local-s3.js';
import { lineView, tableView } from './view.js';

const OPTIONS = {
  ...COMPILE_OPTIONS,
  param: { type: 'string', multiple: true },
  from: { type: 'string' },
  backend: { type: 'string' },
  labels: { type: 'string' },
  'simulate-labels': { type: 'string' },
  callback: { type: 'string', multiple: true },
  lambda: { type: 'string', multiple: true },
  'step-outputs': { type: 'string', multiple: true },
  python: { type: 'string' },
  'local-dir': { type: 'string' },
} as const;

/** `--simulate-labels` may stand alone: give it the value "auto" unless a number follows. */
export function normaliseArgv(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--simulate-labels' && !/^\d+$/.test(argv[i + 1] ?? '') ? ['--simulate-labels=auto'] : [arg]));
}

function pairs(values: string[] | undefined, flag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    if (eq <= 0 || eq === value.length - 1) throw new UsageError(`${flag} ${value}: expected STEP=FILE`);
    map.set(value.slice(0, eq), resolve(value.slice(eq + 1)));
  }
  return map;
}

function simulateLabels(value: string | undefined): RunOptions['simulateLabels'] {
  if (value === undefined) return undefined;
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--simulate-labels ${value}: expected a number of workers from 1 to 100`);
  return n;
}

export function runOptions(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): RunOptions {
  const v = parsed.values;
  const backend = (v.backend as string | undefined) ?? 'process';
  if (backend !== 'process' && backend !== 'docker') throw new UsageError(`--backend must be process or docker, got ${backend}`);
  if (v.labels && v['simulate-labels']) throw new UsageError('give --labels or --simulate-labels, not both');
  const python = (v.python as string | undefined) ?? env.SMPIPE_LOCAL_PYTHON ?? 'python3';
  let pythonPath: string;
  try {
    pythonPath = findPython(python, env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    localDir: resolve((v['local-dir'] as string | undefined) ?? env.SMPIPE_LOCAL_DIR ?? join('.smpipe', 'local')),
    backend,
    python: pythonPath,
    params: (v.param as string[] | undefined) ?? [],
    ...(v.from ? { from: v.from as string } : {}),
    ...(v.labels ? { labels: resolve(v.labels as string) } : {}),
    ...(v['simulate-labels'] ? { simulateLabels: simulateLabels(v['simulate-labels'] as string) } : {}),
    callbacks: pairs(v.callback as string[] | undefined, '--callback'),
    lambdas: pairs(v.lambda as string[] | undefined, '--lambda'),
    stepOutputs: pairs(v['step-outputs'] as string[] | undefined, '--step-outputs'),
  };
}

/** The compiled folder: DIR as given, or SPEC compiled to build/<pipeline> first. */
function compiledFolder(input: string, parsed: Parsed): CompiledFolder | number {
  if (existsSync(input) && statSync(input).isDirectory()) {
    if (parsed.values.vars || parsed.values.set) throw new UsageError('--vars and --set apply to a spec; this is a compiled folder');
    return readCompiledFolder(resolve(input));
  }
  const result = compileFromArgs(input, parsed);
  if (printDiagnostics(result, parsed.values.format as string | undefined) || !result.manifest) return 1;
  const out = join('build', result.manifest.pipeline);
  writeCompileOutput(result, out);
  process.stderr.write(`compiled ${result.manifest.pipeline}: ${out}/definition.json\n`);
  return readCompiledFolder(resolve(out));
}

/** --callback and --lambda must name steps of those types. */
function checkAnswerFlags(folder: CompiledFolder, options: RunOptions): void {
  const steps = new Map(flattenSteps(folder.definition).map((s) => [s.name, s]));
  const check = (names: Iterable<string>, type: string, flag: string): void => {
    for (const name of names) {
      const step = steps.get(name);
      if (step?.type !== type) throw new RunError('SMP9506', `${flag} ${name}: ${step ? `${name} is a ${step.type} step, not a ${type} step` : 'no step of that name'}`, { exitCode: 2 });
    }
  };
  check(options.callbacks.keys(), 'Callback', '--callback');
  check(options.lambdas.keys(), 'Lambda', '--lambda');
  for (const [name, file] of options.stepOutputs ?? []) {
    const step = steps.get(name);
    if (!step || !runsOnlyInAws(step)) {
      throw new RunError('SMP9513', `--step-outputs ${name}: ${step ? `${name} is a ${step.type} step, which smpipe run executes here` : 'no step of that name'}`, { exitCode: 2, hint: 'it answers Clarify and quality checks, EMR, EMR Serverless, AutoML and notebook steps' });
    }
    readStepOutputs(file, name);
  }
  const labeling = [...steps.values()].filter((s) => s.type === 'Callback' && isLabelingRequest(s.step.Arguments));
  if ((options.labels || options.simulateLabels) && !labeling.length) {
    throw new RunError('SMP9506', `${options.labels ? '--labels' : '--simulate-labels'}: the pipeline has no ground-truth step`, { exitCode: 2 });
  }
  // Answer files are read now, so a typo in one stops the run before its first step, not hours in.
  for (const [step, file] of options.callbacks) readAnswerFile(file, step, '--callback');
  for (const [step, file] of options.lambdas) if (file.endsWith('.json')) readAnswerFile(file, step, '--lambda');
  if (options.labels) for (const step of labeling) readLabelsFile(options.labels, labelAttribute(step.step.Arguments), step.name);
}

function printProblems(folder: CompiledFolder | undefined, problems: PreflightProblem[]): void {
  if (!folder) {
    for (const p of problems) process.stderr.write(`smpipe run: error ${p.code}: ${p.message}\n${p.hint ? `  hint: ${p.hint}\n` : ''}`);
    return;
  }
  const { source } = loadYaml(folder.definitionPath, folder.definitionText);
  const reporter = new Reporter(source);
  for (const p of problems) reporter.report(`${p.code}.problem`, p.pointer, { message: p.message }, p.hint ? { hint: p.hint } : {});
  process.stderr.write(renderText(sortDiagnostics(reporter.diagnostics), new Map([[folder.definitionPath, source]])));
}

function printError(folder: CompiledFolder | undefined, error: RunError): void {
  const problem: PreflightProblem = { code: error.code as PreflightProblem['code'], pointer: error.options.pointer ?? '', message: error.message, ...(error.options.hint ? { hint: error.options.hint } : {}) };
  printProblems(error.options.pointer ? folder : undefined, [problem]);
}

/** Ctrl-C once stops the run (its jobs get SIGTERM, then SIGKILL); twice exits at once. */
function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nsmpipe run: stopping the running jobs (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose: () => (process.off('SIGINT', onSignal), process.off('SIGTERM', onSignal)) };
}

export async function runCommand(argv: string[]): Promise<number> {
  const parsed = parse(normaliseArgv(argv), OPTIONS);
  const input = one(parsed, 'SPEC or compiled folder');
  const options = runOptions(parsed);
  let folder: CompiledFolder | undefined;
  const { signal, dispose } = interruptible();
  try {
    const compiled = compiledFolder(input, parsed);
    if (typeof compiled === 'number') return compiled;
    folder = compiled;
    checkAnswerFlags(folder, options);
    const view = process.stderr.isTTY && !process.env.CI ? tableView((t) => process.stderr.write(t), process.stderr.columns) : lineView((t) => process.stderr.write(t));
    const run = await runPipeline({ folder, options, view, signal });
    process.stdout.write(renderSummary(run, new LocalS3(join(options.localDir, 's3')), new RunStore(options.localDir)));
    return run.status === 'Succeeded' ? 0 : run.status === 'Stopped' ? 130 : 1;
  } catch (error) {
    if (error instanceof PreflightError) {
      printProblems(folder, error.problems);
      return 1;
    }
    if (error instanceof RunError) {
      printError(folder, error);
      return error.exitCode;
    }
    throw error;
  } finally {
    dispose();
  }
}
