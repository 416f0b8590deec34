import { escapeHtml } from './escape.js';

/**
 * A PREVIEW of what Ground Truth's Liquid does to a worker template for one task, for
 * `smpipe labeling preview`: just the handful of expressions smpipe's templates use,
 * `{{ task.input.PATH | filter | … }}` with the filters escape, escape_once, to_json and
 * skip_autoescape, and Ground Truth's autoescaping of every output. It is not Liquid: any
 * other expression or a `{% tag %}` is an error here, so a template the preview cannot show
 * faithfully says so instead of showing something Ground Truth would not.
 */
export type TaskInput = Record<string, unknown>;

const OUTPUT = /\{\{(.*?)\}\}/gs;
const FILTERS = new Set(['escape', 'escape_once', 'to_json', 'skip_autoescape']);

export function renderLiquidPreview(html: string, input: TaskInput): string {
  const tag = /\{%(.*?)%\}/s.exec(html);
  if (tag) throw new Error(`the preview does not run Liquid tags: {%${tag[1]}%}`);
  return html.replace(OUTPUT, (_, body: string) => output(body.trim(), input));
}

function output(expression: string, input: TaskInput): string {
  const [path, ...filters] = expression.split('|').map((part) => part.trim());
  let value = lookup(path as string, input);
  // Ground Truth escapes every output unless skip_autoescape; an explicit escape is that same escape.
  let escape = true;
  for (const filter of filters) {
    if (!FILTERS.has(filter)) throw new Error(`the preview does not know the Liquid filter "${filter}" in {{ ${expression} }}`);
    if (filter === 'to_json') value = JSON.stringify(value);
    if (filter === 'skip_autoescape') escape = false;
  }
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return escape ? escapeLiquid(text) : text;
}

function lookup(path: string, input: TaskInput): unknown {
  if (!/^task\.input(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(path)) throw new Error(`the preview only fills task.input.*, not {{ ${path} }}`);
  let node: unknown = input;
  for (const key of path.split('.').slice(2)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Liquid's escape (CGI.escapeHTML): & < > " ' — braces stay, as they would on Ground Truth. */
function escapeLiquid(text: string): string {
  return escapeHtml(text).replace(/&#(96|61|123|125);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
