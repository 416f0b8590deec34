import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompileResult } from '../compile/compile.js';
import { definitionSteps } from '../compile/definition-steps.js';
import { valueAt } from '../spec/pointer.js';
import { renderLiquidPreview, type TaskInput } from '../render/liquid-preview.js';
import { parse, one, UsageError } from './args.js';
import { COMPILE_OPTIONS, compileFromArgs, printDiagnostics } from './load-spec.js';

/** The first question of containers/generate/data/questions.jsonl with made-up answers, quotes and markup included. */
const SAMPLE: TaskInput = {
  id: 'card-lost',
  source: 'I think I lost my debit card on the train. What should I do right now?',
  responses: madeUpResponses(),
};

function madeUpResponses(): string[] {
  return [
    'Freeze the card in the app right away (Cards → Freeze): it\'s instant and you can unfreeze it if it turns up. Then order a replacement.',
    'Call the police and your bank, and don\'t use "contactless" until the new card arrives.',
    'Lost cards happen. <b>Nothing to do</b> — it will probably be returned.',
    'I can\'t help with cards.',
  ];
}

export function runPreview(argv: string[]): number {
  const parsed = parse(argv, { ...COMPILE_OPTIONS, step: { type: 'string' }, sample: { type: 'string' }, out: { type: 'string' } });
  const result = compileFromArgs(one(parsed, 'SPEC'), parsed);
  if (printDiagnostics(result, 'text') || !result.manifest) return 1;
  const step = pickStep(result, parsed.values.step as string | undefined);
  const html = workerUi(result, step);
  const sample = parsed.values.sample ? sampleFrom(parsed.values.sample as string) : SAMPLE;
  const page = `${BANNER}${renderLiquidPreview(html, sample)}`;
  const out = (parsed.values.out as string | undefined) ?? join('build', result.manifest.pipeline, `${step}.preview.html`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, page);
  process.stderr.write(`wrote ${out}: the worker UI of ${step} with item "${String(sample.id ?? '(no id)')}" (a preview; open it in a browser)\n`);
  return 0;
}

const BANNER = '<!-- smpipe labeling preview: Liquid filled with one sample item by smpipe, not by Ground Truth -->\n';

function pickStep(result: CompileResult, wanted: string | undefined): string {
  const steps = (result.graph?.steps ?? []).filter((s) => s.kind === 'ground-truth').map((s) => s.name);
  if (wanted !== undefined && !steps.includes(wanted)) throw new UsageError(`no ground-truth step "${wanted}" (found: ${steps.join(', ') || 'none'})`);
  const step = wanted ?? steps[0];
  if (step === undefined) throw new UsageError('the spec has no ground-truth step');
  return step;
}

/** The rendered worker UI: the asset the step's UiTemplateS3Uri names. */
function workerUi(result: CompileResult, step: string): string {
  const envelope = definitionSteps(result.definition).find((s) => s.name === step)?.step;
  const uri = valueAt(envelope, 'Arguments/HumanTaskConfig/UiConfig/UiTemplateS3Uri');
  const asset = result.assets.find((a) => a.s3Uri === uri);
  if (!asset) throw new UsageError(`step ${step} has no worker UI of its own (its UiTemplateS3Uri is not an asset of this compile)`);
  return asset.bytes.toString('utf8');
}

function sampleFrom(path: string): TaskInput {
  let line: string | undefined;
  try {
    line = readFileSync(path, 'utf8').split('\n').find((l) => l.trim() !== '');
  } catch (error) {
    throw new UsageError(`cannot read --sample ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let item: Record<string, unknown>;
  try {
    item = JSON.parse(line ?? '') as Record<string, unknown>;
  } catch {
    throw new UsageError(`--sample ${path}: the first line is not a JSON object`);
  }
  const source = item.source ?? item.question;
  if (typeof source !== 'string') throw new UsageError(`--sample ${path}: the first line has no "source" or "question" text`);
  const responses = Array.isArray(item.responses) ? item.responses : madeUpResponses();
  return { id: item.id ?? 'sample', source, responses };
}
