/**
 * Local answers for a ground-truth step (a Callback whose arguments are a CreateLabelingJob
 * request, answered on AWS by the labeling bridge): the labeling job's output manifest is
 * written where Ground Truth writes it (<S3OutputPath>/<job>/manifests/output/output.manifest)
 * and the step gets the bridge's output parameters, OutputManifestUri and LabelingJobArn.
 *
 * --labels FILE: the manifest is that file (an output manifest from a real labeling job).
 * --simulate-labels N: N seeded simulated workers rank each item, and the answers go through the
 *   bridge's own code (containers/labeling-bridge: pre-annotation, pass-through consolidation),
 *   so the manifest has exactly the shape containers/preferences reads. See simulated-workers.ts
 *   for the workers' rule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../expr/types.js';
import { isObject, type JsonObject } from './definition.js';
import { RunError, StepFailure } from './errors.js';
import { sagemakerArn } from './job-common.js';
import { ensureLocal } from './remote-s3.js';
import { rankingAnswer, SIMULATED_RULE, simulatedRanks, failedItemIndex, uiNames } from './simulated-workers.js';
import type { StepContext } from './steps/types.js';

export function isLabelingRequest(args: Json | undefined): boolean {
  return isObject(args) && isObject(args.HumanTaskConfig) && isObject(args.InputConfig);
}

/** The step's label attribute (LabelAttributeName), the key workers' answers are under. */
export function labelAttribute(args: Json | undefined): string {
  return isObject(args) && typeof args.LabelAttributeName === 'string' ? args.LabelAttributeName : 'label';
}

function field(args: JsonObject, ...path: string[]): Json | undefined {
  let node: Json | undefined = args;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

export function readLabelsFile(file: string, label: string, step: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RunError('SMP9511', `--labels: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { step });
  }
  const lines = text.split('\n').filter((l) => l.trim());
  let labeled = 0;
  lines.forEach((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new RunError('SMP9511', `--labels: ${file}:${i + 1}: not a JSON object`, { step });
    }
    if (isObject(value as Json) && (label in (value as JsonObject) || `${label}-metadata` in (value as JsonObject))) labeled += 1;
  });
  if (!labeled) throw new RunError('SMP9511', `--labels: ${file} has no line with the label attribute "${label}" of step ${step}`, { step, hint: 'give the output manifest of a labeling job whose LabelAttributeName matches' });
  return text.endsWith('\n') ? text : `${text}\n`;
}

async function readInputManifest(ctx: StepContext, uri: string): Promise<JsonObject[]> {
  await ensureLocal(ctx.s3, uri, ctx.planned.name, 'InputConfig.DataSource.S3DataSource.ManifestS3Uri');
  const text = ctx.s3.readText(uri);
  if (text === undefined) throw new StepFailure(`ClientError: the input manifest ${uri} is a prefix, not an object`);
  return text.split('\n').filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as JsonObject;
    } catch {
      throw new StepFailure(`ClientError: ${uri}: line ${i + 1} is not JSON`);
    }
  });
}

async function simulate(ctx: StepContext, jobName: string, arn: string, label: string): Promise<string> {
  const { preAnnotation } = await import('../../containers/labeling-bridge/pre-annotation.js');
  const { consolidate } = await import('../../containers/labeling-bridge/consolidation.js');
  const manifestUri = String(field(ctx.args, 'InputConfig', 'DataSource', 'S3DataSource', 'ManifestS3Uri'));
  const lines = await readInputManifest(ctx, manifestUri);
  const template = field(ctx.args, 'HumanTaskConfig', 'UiConfig', 'UiTemplateS3Uri');
  const names = uiNames(typeof template === 'string' ? ctx.s3.readText(template) : undefined);
  const requested = ctx.options.simulateLabels;
  const workers = typeof requested === 'number' ? requested : Number(field(ctx.args, 'HumanTaskConfig', 'NumberOfHumanWorkersPerDataObject') ?? 3) || 3;
  const failed = failedItemIndex(lines);
  const region = ctx.run.region;
  const created = new Date().toISOString().replace('Z', '000');
  const metadata = { type: 'groundtruth/custom', 'job-name': jobName, 'human-annotated': 'yes', 'creation-date': created };
  const out = lines.map((line, i) => {
    let responses: string[];
    try {
      responses = preAnnotation({ version: '2018-10-16', labelingJobArn: arn, dataObject: line }).taskInput.responses;
      if (i === failed) throw new Error('simulated: the task expired before its workers answered');
    } catch (error) {
      return { ...line, [`${label}-metadata`]: { ...metadata, 'failure-reason': `ClientError: ${(error as Error).message}` } };
    }
    const annotations = Array.from({ length: workers }, (_, w) => ({
      workerId: `private.${region}.simulated-worker-${w + 1}`,
      annotationData: { content: rankingAnswer(names, simulatedRanks(responses, String(line.id ?? i), w)) },
    }));
    const [consolidated] = consolidate([{ datasetObjectId: String(i), dataObject: line, annotations }], label);
    return { ...line, ...consolidated?.consolidatedAnnotation.content, [`${label}-metadata`]: metadata };
  });
  writeFileSync(join(ctx.dir, 'simulated-workers.txt'), `${SIMULATED_RULE}\nworkers per item: ${workers}; failed item: ${failed ?? 'none'}\n`);
  ctx.log(`smpipe: ${lines.length} items ranked by ${workers} simulated workers (${SIMULATED_RULE.split('\n')[0]})\n`);
  return out.map((o) => JSON.stringify(o)).join('\n') + '\n';
}

/** Writes the output manifest and returns the step's output parameters. */
export async function answerLabeling(ctx: StepContext, token: string): Promise<Record<string, string>> {
  const { labelingJobName } = await import('../../containers/labeling-bridge/job-name.js');
  const jobName = labelingJobName(ctx.run.arn, ctx.planned.name, token);
  const arn = sagemakerArn(ctx, `labeling-job/${jobName}`);
  const label = labelAttribute(ctx.args);
  const outputPath = String(field(ctx.args, 'OutputConfig', 'S3OutputPath') ?? '').replace(/\/+$/, '');
  const manifest = ctx.options.labels ? readLabelsFile(ctx.options.labels, label, ctx.planned.name) : await simulate(ctx, jobName, arn, label);
  const uri = `${outputPath}/${jobName}/manifests/output/output.manifest`;
  ctx.s3.putText(uri, manifest);
  ctx.log(`smpipe: labeling job ${jobName}: output manifest ${uri}\n`);
  return { OutputManifestUri: uri, LabelingJobArn: arn };
}
