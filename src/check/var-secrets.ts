import type { Reporter } from '../diagnostics/reporter.js';
import { parseTemplate } from '../expr/parse.js';
import { joinPointer } from '../spec/pointer.js';
import type { ResolvedVars, VarOrigin } from '../spec/vars.js';
import { findAllSecretsInText, secretByName, secretIn, visitStrings } from './secrets.js';

/**
 * Secrets that reach the definition through vars. The spec scan reads the spec's own text; a
 * token given with --set or in a vars file, or split over two vars (`${vars.a}${vars.b}`), or
 * half literal and half var, lands in definition.json all the same. So the vars' values are
 * scanned where they were given (vars file line, --set argument), and every spec string is
 * scanned again with its vars substituted: a secret that only appears once the pieces are
 * joined is reported at the spec position, naming the vars that make it.
 */
export function scanVarSecrets(spec: unknown, vars: ResolvedVars, reporter: Reporter): void {
  scanVarValues(vars, reporter);
  for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
    if (key === 'vars') continue; // declarations: the spec scan read their defaults
    visitStrings(value, joinPointer('', key), key, (text, pointer, name) => scanSubstituted(text, pointer, name, vars, reporter));
  }
}

/** Each var value at its origin: a vars file entry or a --set argument (the spec's defaults are spec text). */
function scanVarValues(vars: ResolvedVars, reporter: Reporter): void {
  for (const [name, value] of vars.vars) {
    const origin = vars.origins.get(name);
    const found = typeof value === 'string' ? secretIn(value, name) : undefined;
    if (!found || !origin) continue;
    const within = found.match === undefined ? {} : { within: found.match };
    if (origin.from === 'file' && vars.fileReporter) vars.fileReporter.report(`${found.code}.inSpec`, origin.pointer, { subject: found.subject }, within);
    else if (origin.from === 'set') reporter.report(`${found.code}.fromSet`, joinPointer('/vars', name), { name, subject: found.subject }, { at: 'key' });
  }
}

interface Piece {
  /** The text it contributes once substituted. */
  text: string;
  /** As written in the spec. */
  raw: string;
  start: number;
  var?: string;
}

function scanSubstituted(text: string, pointer: string, key: string, vars: ResolvedVars, reporter: Reporter): void {
  const pieces = substitute(text, vars);
  if (!pieces) return;
  const resolved = pieces.map((p) => p.text).join('');
  const findings = findAllSecretsInText(resolved);
  for (const found of findings) {
    const involved = pieces.filter((p) => p.start < found.index + found.match.length && p.start + p.text.length > found.index);
    // Inside one piece it was reported where that piece was written (spec text, vars file, --set).
    if (involved.length < 2) continue;
    const within = writtenText(involved, found.index, found.index + found.match.length);
    reporter.report(`${found.code}.substituted`, pointer, { subject: found.what, substituted: substitutedNote(involved, vars) }, { within });
  }
  if (findings.length > 0) return;
  const byName = secretByName(resolved, key);
  if (byName && !secretByName(text, key)) reporter.report(`${byName.code}.substituted`, pointer, { subject: byName.subject, substituted: substitutedNote(pieces, vars) });
}

/** The spec text of the pieces making [from, to): literal text trimmed to the secret, expressions whole. */
function writtenText(pieces: readonly Piece[], from: number, to: number): string {
  return pieces.map((p) => (p.var !== undefined || p.raw !== p.text ? p.raw : p.raw.slice(Math.max(0, from - p.start), to - p.start))).join('');
}

/** "once ${vars.a} and ${vars.b} are substituted (a from --set a=…; b from vars.yaml:3:4)" */
function substitutedNote(pieces: readonly Piece[], vars: ResolvedVars): string {
  const names = pieces.flatMap((p) => (p.var === undefined ? [] : [p.var]));
  const list = names.map((n) => `\${vars.${n}}`).join(' and ');
  return `once ${list} ${names.length === 1 ? 'is' : 'are'} substituted (${names.map((n) => originText(n, vars)).join('; ')})`;
}

/** The string cut into literal text, substituted vars and other expressions; undefined when no var is substituted. */
function substitute(text: string, vars: ResolvedVars): Piece[] | undefined {
  if (!text.includes('${vars.')) return undefined;
  const parsed = parseTemplate(text);
  if (parsed.error) return undefined;
  const pieces: Piece[] = [];
  let start = 0;
  let substituted = false;
  for (const segment of parsed.segments) {
    const name = segment.kind === 'ref' ? /^vars\.([^.\s]+)$/.exec(segment.ref)?.[1] : undefined;
    const value = name === undefined ? undefined : vars.vars.get(name);
    let piece: Piece;
    if (segment.kind === 'text') piece = { text: segment.text, raw: segment.text, start };
    else if (name !== undefined && value !== undefined && value !== null) piece = { text: String(value), raw: segment.raw, start, var: name };
    else piece = { text: segment.raw, raw: segment.raw, start };
    substituted ||= piece.var !== undefined;
    pieces.push(piece);
    start += piece.text.length;
  }
  return substituted ? pieces : undefined;
}

/** Where a var's value was given, without echoing the value. */
function originText(name: string, vars: ResolvedVars): string {
  const origin: VarOrigin | undefined = vars.origins.get(name);
  if (origin?.from === 'set') return `${name} from --set ${name}=…`;
  if (origin?.from === 'file' && vars.fileReporter) {
    const at = vars.fileReporter.source.rangeOf(origin.pointer)?.start;
    return `${name} from ${vars.fileReporter.source.file}${at ? `:${at.line}:${at.col}` : ''}`;
  }
  return `${name} from vars: in the spec`;
}
