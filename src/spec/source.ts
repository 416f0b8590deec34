import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { joinPointer } from './pointer.js';
import type { Position, SourceRange } from '../diagnostics/diagnostic.js';

interface NodeSpan {
  /** Where the value sits in the text: [start, end) offsets. */
  value: [number, number];
  /** Where the mapping key sits, for members of a mapping. */
  key?: [number, number];
}

/**
 * A loaded YAML text with a JSON-pointer index of every node, so any stage can
 * turn "/steps/Train/instance/type" back into file:line:col without keeping YAML
 * nodes in its own data.
 */
export class SourceFile {
  private readonly lines = new LineCounter();
  private readonly spans = new Map<string, NodeSpan>();
  private lineList: string[] | undefined;

  constructor(readonly file: string, readonly text: string) {}

  /** Record line starts; call before parsing with this counter. */
  get lineCounter(): LineCounter {
    return this.lines;
  }

  /** Records line starts without parsing, for text the parser never sees (it holds a NUL byte). */
  countLines(): void {
    this.lines.addNewLine(0);
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1);
  }

  index(doc: Document): void {
    if (doc.contents) this.walk(doc.contents as Node, '', undefined);
  }

  private walk(node: Node, pointer: string, key: [number, number] | undefined): void {
    if (node.range) this.spans.set(pointer, { value: [node.range[0], node.range[1]], key });
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = joinPointer(pointer, String(pair.key.value));
        const keyRange = pair.key.range ? ([pair.key.range[0], pair.key.range[1]] as [number, number]) : undefined;
        if (pair.value) this.walk(pair.value as Node, child, keyRange);
        else if (keyRange) this.spans.set(child, { value: keyRange, key: keyRange });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.walk(item as Node, joinPointer(pointer, i), undefined));
    }
  }

  /** The closest indexed ancestor's range: a pointer into a compiled value maps to its YAML origin. */
  rangeOf(pointer: string, at: 'key' | 'value' = 'value'): SourceRange | undefined {
    const span = this.closestSpan(pointer);
    if (!span) return undefined;
    const [start, end] = at === 'key' && span.key ? span.key : span.value;
    return { start: this.position(start), end: this.position(end) };
  }

  /** Range of `needle` inside the node at `pointer` (an expression inside a longer string). */
  rangeWithin(pointer: string, needle: string): SourceRange | undefined {
    const span = this.spans.get(pointer);
    if (!span) return this.rangeOf(pointer);
    const found = this.text.indexOf(needle, span.value[0]);
    if (found < 0 || found >= span.value[1]) return this.rangeOf(pointer);
    return { start: this.position(found), end: this.position(found + needle.length) };
  }

  has(pointer: string): boolean {
    return this.spans.has(pointer);
  }

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  /** Split once, on first use: a code frame per diagnostic would otherwise split the whole text each time. */
  lineText(line: number): string {
    this.lineList ??= this.text.split(/\r?\n/);
    return this.lineList[line - 1] ?? '';
  }

  private closestSpan(pointer: string): NodeSpan | undefined {
    let p = pointer;
    for (;;) {
      const span = this.spans.get(p);
      if (span) return span;
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }
}
