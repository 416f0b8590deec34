import { Composer, Lexer, Parser, YAMLParseError, type Document } from 'yaml';
import { Reporter } from '../diagnostics/reporter.js';
import { SourceFile } from './source.js';
import { checkNodes, forbiddenCharacter, withoutPrototypes } from './check-nodes.js';
import { reportYamlErrors } from './yaml-errors.js';

export { MAX_SCALAR_CHARS } from './check-nodes.js';

/**
 * Specs are hand-written or generated from a loop: 4 MiB holds some 9,000 steps (the 5,000-step
 * benchmark spec is 2.3 MiB); anything larger is a mistake or an attack (alias bombs).
 */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
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

/**
 * Parses YAML text keeping positions; every problem becomes a diagnostic, nothing throws.
 * Mappings in the value have no prototype (see withoutPrototypes).
 */
export function loadYaml(file: string, text: string): LoadedYaml {
  const source = new SourceFile(file, text);
  const reporter = new Reporter(source);
  if (text.length > MAX_SPEC_BYTES) {
    reporter.report('SMP1005.fileSize', '', { size: text.length, limit: MAX_SPEC_BYTES });
    return { source, value: undefined, reporter };
  }
  const forbidden = forbiddenCharacter(text);
  if (forbidden) {
    source.countLines();
    const at = source.position(forbidden.offset);
    reporter.report('SMP1001.forbiddenCharacter', '', { character: forbidden.name }, { range: { start: at, end: at } });
    return { source, value: undefined, reporter };
  }
  const { doc, tooDeepAt } = parseCapped(text, source);
  if (tooDeepAt !== undefined) {
    const at = source.position(tooDeepAt);
    reporter.report('SMP1005.nesting', '', { limit: MAX_NESTING }, { range: { start: at, end: at } });
    return { source, value: undefined, reporter };
  }
  reportYamlErrors([...doc.errors, ...doc.warnings], reporter, source);
  if (reporter.errorCount > 0) return { source, value: undefined, reporter };
  source.index(doc);
  checkNodes(doc, reporter);
  if (reporter.errorCount > 0) return { source, value: undefined, reporter };
  let value: unknown;
  try {
    value = withoutPrototypes(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) reporter.report('SMP1005.aliases', '', { message });
    else reporter.report('SMP1001.yaml', '', { message });
  }
  if (value === null || value === undefined) {
    if (reporter.errorCount === 0) reporter.report('SMP1003.empty', '');
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
