import { builtInTemplate, renderTextRanking } from '../../render/text-ranking.js';
import type { StepContext } from '../types.js';

/** The rendered worker UI's file name inside its content-addressed folder. */
export const WORKER_UI_NAME = 'worker-ui.liquid.html';

export const DEFAULT_TITLE = 'Rank the answers to a customer question';

/**
 * Renders the ground-truth step's worker UI at compile time (handlebars → Ground Truth's
 * Liquid HTML) and registers it as a content-addressed asset; returns its S3 URI. Everything
 * the template shows is known at compile time, so the same spec gives the same bytes, the
 * same URI and an unchanged definition: step caching survives an upsert.
 */
export function compileWorkerUi(ctx: StepContext): string | undefined {
  const template = templateText(ctx);
  const values = valuesText(ctx);
  if (template === undefined || values === undefined) return undefined;
  const rendered = renderTextRanking(template, {
    title: String(ctx.compileTime('task/title') ?? DEFAULT_TITLE),
    dimension: String(ctx.compileTime('ranking/dimension') ?? ''),
    instructions: String(ctx.compileTime('ranking/instructions') ?? ''),
    allowTies: ctx.spec.ranking !== undefined && (ctx.spec.ranking as { allowTies?: boolean }).allowTies !== false,
    values,
  });
  if (!rendered.ok) {
    ctx.report('SMP2004', 'template', `the worker UI template cannot be rendered: ${rendered.message}`, { hint: 'fix the handlebars syntax; Liquid for Ground Truth goes inside {{{{raw}}}}…{{{{/raw}}}}' });
    return undefined;
  }
  return ctx.addGenerated(Buffer.from(rendered.html, 'utf8'), { name: WORKER_UI_NAME });
}

/** The `template:` file, else smpipe's built-in text-ranking template. */
function templateText(ctx: StepContext): string | undefined {
  if (ctx.spec.template === undefined) return builtInTemplate();
  const path = ctx.compileTime('template');
  return path === undefined ? undefined : ctx.readLocal('template', String(path));
}

/** The organisation's values shown beside the answers; "" when the spec names no file. */
function valuesText(ctx: StepContext): string | undefined {
  if (ctx.spec.values === undefined) return '';
  const path = ctx.compileTime('values');
  return path === undefined ? undefined : ctx.readLocal('values', String(path));
}
