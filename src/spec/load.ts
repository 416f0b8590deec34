import { Composer, isMap, isPair, isScalar, isSeq, Lexer, Parser, YAMLParseError, type Document, type Node, type YAMLError } from 'yaml';
import { Reporter } from '../diagnostics/reporter.js';
import { SourceFile } from './source.js';

/**
 * Specs are hand-written or generated from a loop: 4 MiB holds some 9,000 steps (the 5,000-step
 * benchmark spec is 2.3 MiB); anything larger is a mistake or an attack (alias bombs).
 */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
export const MAX_SCALAR_CHARS = 64 * 1024;
const MAX_ALIAS_COUNT = 100;
/**
 * Far deeper than any spec needs. yaml's composer recurses once per level, and
 * near V8's stack limit a regexp compile aborts the whole process (a fatal
 * "out of memory", not a catchable RangeError), so depth is capped before composing.
 */
export const MAX_NESTING = 64;

export interface LoadedYaml {
  source: SourceFile;
  value: unknown;
  reporter: Reporter;
}

/** Parses YAML text keeping positions; every problem becomes a diagnostic, nothing throws. */
export function loadYaml(file: string, text: string): LoadedYaml {
  const source = new SourceFile(file, text);
  const reporter = new Reporter(source);
  if (text.length > MAX_SPEC_BYTES) {
    reporter.report('SMP1005', '', `file is ${text.length} bytes; the limit is ${MAX_SPEC_BYTES}`);
    return { source, value: undefined, reporter };
  }
  const { doc, tooDeepAt } = parseCapped(text, source);
  if (tooDeepAt !== undefined) {
    const at = source.position(tooDeepAt);
    reporter.report('SMP1005', '', `YAML nesting deeper than ${MAX_NESTING} levels`, { range: { start: at, end: at } });
    return { source, value: undefined, reporter };
  }
  for (const error of doc.errors) reportYamlError(reporter, source, error);
  for (const warning of doc.warnings) reportYamlError(reporter, source, warning);
  if (reporter.errorCount > 0) return { source, value: undefined, reporter };
  source.index(doc);
  checkNodes(doc.contents as Node | null, '', reporter);
  if (reporter.errorCount > 0) return { source, value: undefined, reporter };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) reporter.report('SMP1005', '', `YAML aliases expand too far: ${message}`);
    else reporter.report('SMP1001', '', message);
  }
  if (value === null || value === undefined) {
    if (reporter.errorCount === 0) reporter.report('SMP1003', '', 'the document is empty');
  }
  return { source, value, reporter };
}

/** yaml's parseDocument, fed one token at a time so nesting is capped before anything recurses. */
function parseCapped(text: string, source: SourceFile): { doc: Document.Parsed; tooDeepAt?: number } {
  const parser = new Parser(source.lineCounter.addNewLine);
  let tooDeepAt: number | undefined;
  function* tokens() {
    source.lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_NESTING) {
        tooDeepAt = parser.offset;
        break;
      }
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ uniqueKeys: false, merge: false }).compose(tokens(), true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  return { doc: doc as Document.Parsed, ...(tooDeepAt === undefined ? {} : { tooDeepAt }) };
}

function reportYamlError(reporter: Reporter, source: SourceFile, error: YAMLError): void {
  let [start, end] = error.pos;
  // After a key with an empty value, yaml places the next (duplicate) key at the line break before it.
  if (error.code === 'DUPLICATE_KEY') {
    while (start < source.text.length && /\s/.test(source.text[start] as string)) start++;
    end = Math.max(end, start + 1);
  }
  const range = { start: source.position(start), end: source.position(Math.max(start, end)) };
  const message = error.message.split('\n')[0] ?? error.message;
  if (error.code === 'DUPLICATE_KEY') reporter.report('SMP1002', '', message, { range });
  else if (error.code === 'RESOURCE_EXHAUSTION') reporter.report('SMP1005', '', message, { range });
  else if (error.code === 'TAG_RESOLVE_FAILED' || error.code === 'BAD_ALIAS') {
    reporter.report('SMP1006', '', message, { range });
  } else reporter.report('SMP1001', '', message, { range });
}

/** Keys must be plain strings, tags are not ours to interpret, scalars must stay reasonable. */
function checkNodes(node: Node | null, pointer: string, reporter: Reporter): void {
  if (!node) return;
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
    reporter.report('SMP1006', pointer, `custom YAML tag ${node.tag} is not supported`);
  }
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value.length > MAX_SCALAR_CHARS) {
      reporter.report('SMP1005', pointer, `value is ${node.value.length} characters; the limit is ${MAX_SCALAR_CHARS}`);
    }
  } else if (isMap(node)) {
    // Duplicate keys are found here with a Set: yaml's own uniqueKeys check is quadratic per mapping.
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const range = keyRange(reporter, pair.key as Node | null);
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
        reporter.report('SMP1006', pointer, 'mapping keys must be plain strings', range ? { range } : {});
        continue;
      }
      if (seen.has(pair.key.value)) {
        reporter.report('SMP1002', pointer, `duplicate key "${pair.key.value}": the mapping already has it`, range ? { range } : {});
        continue;
      }
      seen.add(pair.key.value);
      const child = `${pointer}/${pair.key.value.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      checkNodes(pair.value as Node | null, child, reporter);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => checkNodes(item as Node | null, `${pointer}/${i}`, reporter));
  }
}

function keyRange(reporter: Reporter, key: Node | null) {
  if (!key?.range) return undefined;
  return { start: reporter.source.position(key.range[0]), end: reporter.source.position(key.range[1]) };
}
