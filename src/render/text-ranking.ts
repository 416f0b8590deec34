import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';
import { sha256Hex } from '../assets/hash.js';
import { escapeHtml } from './escape.js';
// Type-only, so erased from the output: it makes tsc emit the generated module (.cts → .cjs).
import type * as Precompiled from './templates/text-ranking.generated.cjs';

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

let builtIn: string | undefined;

/** The built-in template's text, read once per process. */
export function builtInTemplate(): string {
  builtIn ??= readFileSync(BUILT_IN_TEMPLATE, 'utf8');
  return builtIn;
}

/**
 * The handlebars environment, made once per process: a template can neither register helpers nor
 * partials (an inline partial lives for one render), so one environment serves every template.
 * `raw` is the block helper behind `{{{{raw}}}}…{{{{/raw}}}}`: its content is Liquid for Ground
 * Truth and must reach the output byte for byte.
 */
let shared: typeof Handlebars | undefined;
function environment(): typeof Handlebars {
  if (!shared) {
    shared = Handlebars.create();
    shared.registerHelper('raw', (options: Handlebars.HelperOptions) => options.fn(undefined));
  }
  return shared;
}

/** How every template compiles (precompiled.ts precompiles the built-in one with the same). */
export const COMPILE_OPTIONS = { strict: true, noEscape: false } as const;

/** Compiled templates by their text (a few per process: the built-in one, a spec's own). */
const compiledTemplates = new Map<string, HandlebarsTemplateDelegate>();
const MAX_TEMPLATES = 32;

/** The built-in template as precompiled.ts generated it, if `template` is exactly its source. */
function precompiled(hb: typeof Handlebars, template: string): HandlebarsTemplateDelegate | undefined {
  if (template !== builtIn) return undefined;
  const generated = createRequire(import.meta.url)('./templates/text-ranking.generated.cjs') as typeof Precompiled;
  return generated.sha256 === sha256Hex(template) ? hb.template(generated.spec as TemplateSpecification) : undefined;
}

function compiledTemplate(hb: typeof Handlebars, template: string): HandlebarsTemplateDelegate {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    compiled = precompiled(hb, template) ?? hb.compile(template, COMPILE_OPTIONS);
    if (compiledTemplates.size >= MAX_TEMPLATES) compiledTemplates.clear();
    compiledTemplates.set(template, compiled);
  }
  return compiled;
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
    return { ok: true, html: compiledTemplate(hb, template)(view(hb, input)) };
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('\n')[0] as string };
  }
}
