/**
 * Everything the runner can know is wrong before a step runs, reported together with the
 * position in definition.json: a step type it cannot execute (SMP9502), a reference it cannot
 * resolve (SMP9501: unknown parameter, execution variable, step, property or property file),
 * a callback or lambda step without a local answer (SMP9504, SMP9505), and literal S3 inputs that
 * are neither on this machine nor fetchable (SMP9503).
 */
import type { Json } from '../expr/types.js';
import { isObject, stepArguments, type ParameterDef, type PlannedStep } from './definition.js';
import { parseGet } from './expressions.js';
import { stepGets, type StepGraph } from './graph.js';
import type { LocalS3 } from './local-s3.js';
import type { RunOptions } from './options.js';
import { tokenizePath, type PathToken } from './paths.js';
import { runnerFor, STEP_RUNNERS } from './steps/index.js';
import { runsOnlyInAws } from './steps/recorded.js';
import type { PreflightProblem } from './steps/types.js';

const EXECUTION_VARIABLES = new Set(['PipelineExecutionId', 'PipelineExecutionArn', 'PipelineName', 'PipelineArn', 'CurrentDateTime', 'StartDateTime']);
const JOB_NAME_VARIABLES: Record<string, string> = { ProcessingJobName: 'Processing', TrainingJobName: 'Training' };

function isFunction(value: Json | undefined): boolean {
  return isObject(value) && Object.keys(value).length === 1 && ['Get', 'Std:Join', 'Std:JsonGet'].includes(Object.keys(value)[0] as string);
}

/** Walks the step's own (unresolved) Arguments: a run-time value part way is accepted. */
function walkArguments(target: PlannedStep, tokens: readonly PathToken[]): string | undefined {
  let node: Json | undefined = stepArguments(target);
  for (const token of tokens) {
    if (isFunction(node)) return undefined;
    if (Array.isArray(node)) {
      node = 'index' in token ? node[token.index] : node.find((item) => isObject(item) && Object.values(item).includes(token.key));
    } else node = isObject(node) && 'key' in token ? node[token.key] : undefined;
    if (node === undefined) return `${target.type} step ${target.name} has no ${'key' in token ? `"${token.key}"` : `[${token.index}]`} in its Arguments or its ${target.type} properties`;
  }
  return undefined;
}

function checkStepReference(path: string, steps: ReadonlyMap<string, PlannedStep>): string | undefined {
  const ref = parseGet(path);
  const target = steps.get(ref.name);
  if (!target) return `no step named "${ref.name}"`;
  const tokens = tokenizePath(ref.rest);
  const head = tokens?.[0];
  if (!tokens || !head || !('key' in head)) return `cannot read the property path "${ref.rest}"`;
  if (head.key === 'PropertyFiles') {
    const name = tokens[1] && 'key' in tokens[1] ? tokens[1].key : '';
    return (target.step.PropertyFiles ?? []).some((f) => f.PropertyFileName === name) ? undefined : `step ${target.name} declares no property file "${name}"`;
  }
  const runner = runnerFor(target.type);
  if (runner?.generated.includes(head.key)) return runner.checkReference?.(target, tokens);
  return walkArguments(target, tokens);
}

function checkGet(step: PlannedStep, path: string, parameters: ReadonlySet<string>, steps: ReadonlyMap<string, PlannedStep>): string | undefined {
  const ref = parseGet(path);
  if (ref.root === 'Parameters') return parameters.has(ref.name) ? undefined : `no pipeline parameter named "${ref.name}"`;
  if (ref.root === 'Execution') {
    const owner = JOB_NAME_VARIABLES[ref.name];
    if (owner) return step.type === owner ? undefined : `Execution.${ref.name} exists only in a ${owner} step`;
    return EXECUTION_VARIABLES.has(ref.name) ? undefined : `no execution variable "${ref.name}"`;
  }
  if (ref.root === 'Steps') return checkStepReference(path, steps);
  return `"${path}" is not a Parameters, Execution or Steps reference`;
}

export function preflightProblems(graph: StepGraph, parameters: readonly ParameterDef[], options: RunOptions): PreflightProblem[] {
  const names = new Set(parameters.map((p) => p.Name));
  const problems: PreflightProblem[] = [];
  for (const step of graph.steps.values()) {
    const runner = runnerFor(step.type);
    if (!runner) {
      problems.push({ code: 'SMP9502', pointer: `${step.pointer}/Type`, message: `step ${step.name}: the local runner cannot execute ${step.type} steps`, hint: `it runs ${Object.keys(STEP_RUNNERS).join(', ')} steps` });
      continue;
    }
    for (const { path, pointer } of stepGets(step)) {
      const problem = checkGet(step, path, names, graph.steps);
      if (problem) problems.push({ code: 'SMP9501', pointer: `${step.pointer}${pointer}/Get`, message: `step ${step.name}: cannot resolve ${path}: ${problem}` });
    }
    for (const [dependency, i] of (step.step.DependsOn ?? []).map((d, index) => [d, index] as const)) {
      if (!graph.steps.has(dependency)) problems.push({ code: 'SMP9501', pointer: `${step.pointer}/DependsOn/${i}`, message: `step ${step.name}: DependsOn names no step "${dependency}"` });
    }
    problems.push(...(runner.preflight?.(step, options, graph.steps) ?? []));
  }
  return problems;
}

/**
 * Literal S3 URIs that steps read (not produced by a step), with where they are. A step that runs
 * only in AWS is answered by --step-outputs and reads nothing here (a notebook job's S3 folder).
 */
export function literalInputs(graph: StepGraph): { uri: string; pointer: string; step: string }[] {
  const found: { uri: string; pointer: string; step: string }[] = [];
  for (const step of graph.steps.values()) {
    if (runsOnlyInAws(step)) continue;
    const args = stepArguments(step);
    if (!isObject(args)) continue;
    const add = (value: Json | undefined, pointer: string): void => {
      if (typeof value === 'string' && value.startsWith('s3://')) found.push({ uri: value, pointer: `${step.pointer}/Arguments${pointer}`, step: step.name });
    };
    if (step.type === 'Processing' && Array.isArray(args.ProcessingInputs)) {
      args.ProcessingInputs.forEach((input, i) => add(isObject(input) && isObject(input.S3Input) ? input.S3Input.S3Uri : undefined, `/ProcessingInputs/${i}/S3Input/S3Uri`));
    }
    const channels = (config: Json | undefined, at: string): void => {
      if (!Array.isArray(config)) return;
      config.forEach((channel, i) => {
        const source = isObject(channel) && isObject(channel.DataSource) ? channel.DataSource.S3DataSource : undefined;
        add(isObject(source) ? source.S3Uri : undefined, `${at}/${i}/DataSource/S3DataSource/S3Uri`);
      });
    };
    if (step.type === 'Training') channels(args.InputDataConfig, '/InputDataConfig');
    if (step.type === 'Tuning' && isObject(args.TrainingJobDefinition)) channels(args.TrainingJobDefinition.InputDataConfig, '/TrainingJobDefinition/InputDataConfig');
    if (step.type === 'Transform' && isObject(args.TransformInput) && isObject(args.TransformInput.DataSource) && isObject(args.TransformInput.DataSource.S3DataSource)) {
      add(args.TransformInput.DataSource.S3DataSource.S3Uri, '/TransformInput/DataSource/S3DataSource/S3Uri');
    }
  }
  return found;
}

/** The literal inputs this machine does not hold. */
export function missingInputs(graph: StepGraph, s3: LocalS3): { uri: string; pointer: string; step: string }[] {
  return literalInputs(graph).filter((input) => !s3.has(input.uri));
}
