import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { escapeHtml } from './escape.js';

/** What a worker template can show; the same for the built-in template and a custom one. */
export interface TextRankingInput {
  /** Task title, also the heading of the instructions. */
  title: string;
  /** The ranking dimension's name, e.g. "Alignment" (the name in the worker's answer). */
  dimension: string;
  /** What to rank on, in the organisation's words. */
  instructions: string;
  /** May equally good answers share a rank? */
  allowTies: boolean;
  /** The organisation's context and values (plain text or Markdown, shown as is); empty for none. */
  values: string;
}

/** The built-in template, shipped beside this module (the Makefile copies *.hbs into dist/). */
export const BUILT_IN_TEMPLATE = new URL('./templates/text-ranking.hbs', import.meta.url);

export function builtInTemplate(): string {
  return readFileSync(BUILT_IN_TEMPLATE, 'utf8');
}

/**
 * A fresh handlebars environment per render, so no helper or partial leaks between templates.
 * `raw` is the block helper behind `{{{{raw}}}}…{{{{/raw}}}}`: its content is Liquid for Ground
 * Truth and must reach the output byte for byte.
 */
function environment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('raw', (options: Handlebars.HelperOptions) => options.fn(undefined));
  return hb;
}

/**
 * Every string goes in as a SafeString holding our own escaping (quotes and curly braces
 * included, see escape.ts), so `{{x}}` and `{{{x}}}` alike print escaped text: a template
 * cannot print compile-time text unescaped by accident.
 */
function view(hb: typeof Handlebars, input: TextRankingInput): Record<string, unknown> {
  const safe = (text: string) => new hb.SafeString(escapeHtml(text));
  const dimensions = [{ name: input.dimension, allowTie: input.allowTies }];
  return {
    title: safe(input.title),
    dimension: safe(input.dimension),
    instructions: safe(input.instructions),
    allowTies: input.allowTies,
    values: safe(input.values),
    hasValues: input.values.trim() !== '',
    dimensionsJson: safe(JSON.stringify(dimensions)),
  };
}

export type RenderResult = { ok: true; html: string } | { ok: false; message: string };

/**
 * Renders a worker template into Ground Truth's Liquid HTML. `strict` makes a misspelt
 * variable an error instead of an empty string; template errors come back as a message
 * (the compiler turns it into a diagnostic), never as an exception.
 */
export function renderTextRanking(template: string, input: TextRankingInput): RenderResult {
  const hb = environment();
  try {
    const compiled = hb.compile(template, { strict: true, noEscape: false });
    return { ok: true, html: compiled(view(hb, input)) };
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('\n')[0] as string };
  }
}
