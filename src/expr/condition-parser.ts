/**
 * The `when:` language of condition steps:
 *   ${a} >= ${b} and not (${c} == 'x' or ${d} in ['p', 'q'])
 * Operands are ${...} expressions, numbers, quoted strings, true and false.
 */
export type Operand = { kind: 'expr'; raw: string } | { kind: 'literal'; value: string | number | boolean; raw: string };
export type ComparisonOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export type ConditionNode =
  | { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: 'in'; value: Operand; list: Operand[] }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; operands: ConditionNode[] };

type Token = { type: 'expr' | 'number' | 'string' | 'bool' | 'op' | 'word' | 'punct'; text: string; value?: string | number | boolean };

const TOKEN = /\s*(?:(\$\{(?:'[^']*'|"[^"]*"|[^}'"])*\})|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(==|!=|>=|<=|>|<)|([A-Za-z]+)|([()[\],]))/y;

export function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) return unreadable(text.slice(i).trim());
    if (m[5] === '<' && text[TOKEN.lastIndex] === '>') return unreadable(text.slice(TOKEN.lastIndex - 1).trim());
    i = TOKEN.lastIndex;
    if (m[1]) tokens.push({ type: 'expr', text: m[1] });
    else if (m[2]) tokens.push({ type: 'number', text: m[2], value: Number(m[2]) });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ type: 'string', text: m[0].trim(), value: (m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1') });
    else if (m[5]) tokens.push({ type: 'op', text: m[5] });
    else if (m[6] === 'true' || m[6] === 'false') tokens.push({ type: 'bool', text: m[6], value: m[6] === 'true' });
    else if (m[6]) tokens.push({ type: 'word', text: m[6] });
    else tokens.push({ type: 'punct', text: m[7] as string });
  }
  return tokens;
}

/** Operators from other languages, and what this one calls them. */
const OTHER_SPELLINGS: readonly [RegExp, string][] = [
  [/^=>/, '>='], [/^=</, '<='], [/^<>/, '!='], [/^=/, '=='], [/^&&?/, 'and'], [/^\|\|?/, 'or'], [/^!(?!=)/, 'not'],
];

/** A message for text the tokenizer cannot read, with the operator it probably meant. */
function unreadable(rest: string): string {
  const shown = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
  const meant = OTHER_SPELLINGS.find(([re]) => re.test(rest));
  return meant ? `cannot read "${shown}": did you mean "${meant[1]}"?` : `cannot read "${shown}"`;
}

/**
 * Deeper than any real condition; the parser recurses once per `not` and per parenthesis, so
 * 5,000 of them would overflow the stack.
 */
export const MAX_CONDITION_DEPTH = 32;

export function parseCondition(text: string): ConditionNode | string {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return tokens;
  const parser = new Parser(tokens);
  try {
    const node = parser.or();
    if (!parser.done()) return `unexpected "${parser.peek()?.text}"`;
    return node;
  } catch (error) {
    if (error instanceof SyntaxProblem) return error.message;
    throw error;
  }
}

class SyntaxProblem extends Error {}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  done = () => this.i >= this.tokens.length;
  peek = () => this.tokens[this.i];

  private take(text?: string): Token {
    const token = this.tokens[this.i];
    if (!token) throw new SyntaxProblem(text ? `expected "${text}" at the end` : 'the condition ends too early');
    if (text !== undefined && token.text !== text) throw new SyntaxProblem(`expected "${text}", found "${token.text}"`);
    this.i += 1;
    return token;
  }

  private accept(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.i += 1;
    return true;
  }

  or(): ConditionNode {
    const operands = [this.and()];
    while (this.accept('or')) operands.push(this.and());
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'or', operands };
  }

  private and(): ConditionNode {
    const operands = [this.not()];
    while (this.accept('and')) operands.push(this.not());
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'and', operands };
  }

  private not(): ConditionNode {
    if (this.peek()?.text !== 'not' && this.peek()?.text !== '(') return this.comparison();
    if (++this.depth > MAX_CONDITION_DEPTH) throw new SyntaxProblem(`the condition nests "not" and parentheses more than ${MAX_CONDITION_DEPTH} deep`);
    let node: ConditionNode;
    if (this.accept('not')) node = { kind: 'not', operand: this.not() };
    else {
      this.take('(');
      node = this.or();
      this.take(')');
    }
    this.depth -= 1;
    return node;
  }

  private comparison(): ConditionNode {
    const left = this.operand();
    if (this.accept('in')) return { kind: 'in', value: left, list: this.list() };
    const op = this.take();
    if (op.type !== 'op') throw new SyntaxProblem(`expected a comparison (==, !=, >, >=, <, <=, in) after ${left.raw}, found "${op.text}"`);
    return { kind: 'compare', op: op.text as ComparisonOp, left, right: this.operand() };
  }

  private list(): Operand[] {
    this.take('[');
    const items = [this.operand()];
    while (this.accept(',')) items.push(this.operand());
    this.take(']');
    return items;
  }

  private operand(): Operand {
    const token = this.take();
    if (token.type === 'expr') return { kind: 'expr', raw: token.text };
    if (token.value !== undefined) return { kind: 'literal', value: token.value, raw: token.text };
    throw new SyntaxProblem(`expected a value or \${...}, found "${token.text}"`);
  }
}
