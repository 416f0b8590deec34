/**
 * HTML escaping for compile-time text that goes into a Ground Truth worker template.
 *
 * Ground Truth runs the whole template through Liquid before a worker sees it, so a `{{` or
 * `{%` in compile-time text (a values file, instructions) would be evaluated as Liquid. Curly
 * braces therefore become character references too: the browser still shows `{`, Liquid sees
 * nothing to do. Quotes (both kinds) are escaped so the text is safe in any attribute: the
 * seed's template broke on an apostrophe inside a single-quoted attribute.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
  '{': '&#123;',
  '}': '&#125;',
};

const SPECIAL = /[&<>"'`={}]/g;

export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITIES[c] as string);
}

/** Inverse of escapeHtml for the entities it writes, plus the common named ones (preview and tests). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref[0] !== '#') return named[ref.toLowerCase()] as string;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}
