/**
 * A small well-formedness check for rendered worker templates: a tokenizer for the HTML
 * subset the templates use (elements, quoted attributes, comments, raw-text script/style),
 * checking that every element closes in order, every attribute value is quoted and holds
 * no bare quote of its own kind or `<`, and no text holds a stray `<`. Enough to catch the
 * seed's bug (an apostrophe ending a single-quoted attribute early) without an HTML library.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style']);

export interface Element { name: string; attributes: Record<string, string> }

export interface CheckResult { problems: string[]; elements: Element[] }

export function checkHtml(html: string): CheckResult {
  const problems: string[] = [];
  const elements: Element[] = [];
  const open: string[] = [];
  let i = 0;
  const lineOf = (at: number) => html.slice(0, at).split('\n').length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt);
      if (end < 0) return { problems: [...problems, `line ${lineOf(lt)}: unclosed comment`], elements };
      i = end + 3;
      continue;
    }
    const tag = readTag(html, lt);
    if (typeof tag === 'string') {
      problems.push(`line ${lineOf(lt)}: ${tag}`);
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.closing) {
      const top = open.pop();
      if (top !== tag.name) problems.push(`line ${lineOf(lt)}: </${tag.name}> closes <${top ?? '(nothing)'}>`);
      continue;
    }
    elements.push({ name: tag.name, attributes: tag.attributes });
    if (VOID.has(tag.name) || tag.selfClosing) continue;
    if (RAW_TEXT.has(tag.name)) {
      const close = html.indexOf(`</${tag.name}>`, i);
      if (close < 0) return { problems: [...problems, `line ${lineOf(lt)}: <${tag.name}> never closes`], elements };
      i = close + tag.name.length + 3;
      continue;
    }
    open.push(tag.name);
  }
  for (const name of open) problems.push(`<${name}> never closes`);
  return { problems, elements };
}

interface Tag { name: string; closing: boolean; selfClosing: boolean; attributes: Record<string, string>; end: number }

function readTag(html: string, lt: number): Tag | string {
  const head = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
  if (!head) return `stray "<" in text`;
  let i = lt + head[0].length;
  const attributes: Record<string, string> = {};
  for (;;) {
    while (/\s/.test(html[i] ?? '')) i += 1;
    const c = html[i];
    if (c === undefined) return `<${head[2]}> is cut off`;
    if (c === '>' || html.startsWith('/>', i)) {
      const selfClosing = c === '/';
      return { name: (head[2] as string).toLowerCase(), closing: head[1] === '/', selfClosing, attributes, end: i + (selfClosing ? 2 : 1) };
    }
    const attr = /^([^\s"'<>/=]+)(\s*=\s*)?/.exec(html.slice(i, i + 256));
    if (!attr) return `unexpected "${c}" in <${head[2]}>`;
    i += attr[0].length;
    if (!attr[2]) {
      attributes[attr[1] as string] = '';
      continue;
    }
    const quote = html[i];
    if (quote !== '"' && quote !== "'") return `attribute ${attr[1]} of <${head[2]}> is not quoted`;
    const close = html.indexOf(quote, i + 1);
    if (close < 0) return `attribute ${attr[1]} of <${head[2]}> never ends`;
    const value = html.slice(i + 1, close);
    if (value.includes('<')) return `attribute ${attr[1]} of <${head[2]}> holds a bare "<"`;
    attributes[attr[1] as string] = value;
    i = close + 1;
    const next = html[i];
    if (next !== undefined && !/[\s>/]/.test(next)) return `attribute ${attr[1]} of <${head[2]}> ends early, before "${html.slice(i, i + 12)}" (an unescaped ${quote}?)`;
  }
}
