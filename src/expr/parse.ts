/**
 * Splits a spec string into literal text and `${...}` references. `$${` is an
 * escaped literal `${`. Parsing never throws: problems come back as `error`.
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'ref'; ref: string; raw: string };

export interface ParsedTemplate {
  segments: Segment[];
  error?: { message: string; raw: string };
}

export function hasExpression(text: string): boolean {
  return text.includes('${');
}

export function parseTemplate(text: string): ParsedTemplate {
  const segments: Segment[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const end = findClose(text, i + 2);
    if (end < 0) return { segments, error: { message: 'unterminated "${": add the closing "}"', raw: text.slice(i) } };
    if (literal) segments.push({ kind: 'text', text: literal });
    literal = '';
    const raw = text.slice(i, end + 1);
    segments.push({ kind: 'ref', ref: text.slice(i + 2, end).trim(), raw });
    i = end + 1;
  }
  if (literal) segments.push({ kind: 'text', text: literal });
  return { segments };
}

/** The matching `}`, skipping quoted keys such as `['a}b']`. */
function findClose(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '}') {
      return i;
    } else if (c === '$' && text[i + 1] === '{') {
      return -1;
    }
  }
  return -1;
}

export type PathPart = { kind: 'name'; name: string } | { kind: 'key'; key: string } | { kind: 'index'; index: number };

/** Parses `a.b['c'].d[0]` into parts; returns a message on bad syntax. */
export function parsePath(path: string): PathPart[] | string {
  const parts: PathPart[] = [];
  const re = /(\.)?([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    const dotted = m?.[1] !== undefined;
    if (!m || (m[2] !== undefined && dotted === (parts.length === 0)) || (parts.length === 0 && m[2] === undefined)) {
      return `cannot read "${path.slice(i)}" in "${path}": use names separated by dots, ['key'] or [index]`;
    }
    if (m[2] !== undefined) parts.push({ kind: 'name', name: m[2] });
    else if (m[3] !== undefined || m[4] !== undefined) parts.push({ kind: 'key', key: (m[3] ?? m[4]) as string });
    else parts.push({ kind: 'index', index: Number(m[5]) });
    i = re.lastIndex;
  }
  if (parts.length === 0) return 'empty expression';
  return parts;
}

/** Renders parts back in SageMaker's property-path style: `A.B['k'].C[0]`. */
export function formatPath(parts: readonly PathPart[]): string {
  return parts
    .map((p, i) => (p.kind === 'name' ? (i === 0 ? p.name : `.${p.name}`) : p.kind === 'key' ? `['${p.key}']` : `[${p.index}]`))
    .join('');
}
