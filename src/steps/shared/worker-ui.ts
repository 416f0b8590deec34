import { builtInTemplate, renderTextRanking } from '../../render/text-ranking.js';
import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';

/** The rendered worker UI's file name inside its content-addressed folder. */
export const WORKER_UI_NAME = 'worker-ui.liquid.html';

export const DEFAULT_TITLE = 'Rank the answers to a customer question';

/** Handlebars leaves what stands in raw blocks alone: where Ground Truth's Liquid goes. */
const RAW_BLOCK = '{{{{raw}}}}…{{{{/raw}}}}';

/** The fields the worker UI is made from (ground-truth's). */
interface WorkerUiFields {
  template?: string;
  values?: string;
  task?: { title?: string };
  ranking: { dimension: string; instructions: string; allowTies?: boolean };
}

/**
 * Renders the ground-truth step's worker UI at compile time (handlebars → Ground Truth's
 * Liquid HTML) and registers it as a content-addressed asset; returns its S3 URI. Everything
 * the template shows is known at compile time, so the same spec gives the same bytes, the
 * same URI and an unchanged definition: step caching survives an upsert.
 */
export function compileWorkerUi(ctx: StepServices, step: Field<WorkerUiFields>): string | undefined {
  const template = localText(ctx, step.at('template'), builtInTemplate);
  const values = localText(ctx, step.at('values'), () => '');
  if (template === undefined || values === undefined) return undefined;
  const ranking = step.at('ranking');
  const rendered = renderTextRanking(template, {
    title: String(ctx.compileTime(step.at('task').at('title')) ?? DEFAULT_TITLE),
    dimension: String(ctx.compileTime(ranking.at('dimension')) ?? ''),
    instructions: String(ctx.compileTime(ranking.at('instructions')) ?? ''),
    allowTies: ranking.raw.allowTies !== false,
    values,
  });
  if (!rendered.ok) {
    ctx.report('SMP2004.workerTemplate', step.at('template'), { problem: rendered.message, rawBlock: RAW_BLOCK });
    return undefined;
  }
  return ctx.addGenerated(Buffer.from(rendered.html, 'utf8'), { name: WORKER_UI_NAME });
}

/**
 * A local text file named by a compile-time field (relative to the spec), else the fallback: the
 * `template:` file or smpipe's built-in template; the `values:` file or nothing.
 */
function localText(ctx: StepServices, field: Field<string | undefined>, fallback: () => string): string | undefined {
  if (field.raw === undefined) return fallback();
  const path = ctx.compileTime(field);
  return path === undefined ? undefined : ctx.readLocal(field, String(path));
}
