import { problem, type Problem } from '../diagnostics/messages.js';
import { hasExpression, parseTemplate, type Segment } from './parse.js';
import { resolveReference } from './resolve.js';
import type { Scope, ScopeError } from './scope.js';
import { assignable, TYPE_NAMES, typeOfLiteral, type ExprType, type Json, type Resolved } from './types.js';
import { setOwn } from '../util/own.js';

/** How lowering reports a problem: `within` is the expression text, for a precise column. */
export type LowerReport = (found: Problem, options?: { within?: string; once?: string }) => void;

/**
 * Turns a spec value into a definition value of the expected type:
 * a whole-value expression becomes `Get`/`Std:JsonGet`; text around expressions
 * becomes `Std:Join`; a non-string value in a string position is joined with
 * `On: ""` (as the SageMaker SDK does); compile-time vars are substituted.
 */
export function lowerValue(raw: unknown, expected: ExprType, scope: Scope, report: LowerReport): Json {
  if (typeof raw === 'string') return lowerString(raw, expected, scope, report);
  if (typeof raw === 'number' || typeof raw === 'boolean') return lowerLiteral(raw, expected, report);
  if (Array.isArray(raw)) return raw.map((item) => lowerValue(item, 'json', scope, report));
  if (raw !== null && typeof raw === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(raw)) setOwn(out, key, lowerValue(value, 'json', scope, report));
    return out;
  }
  return null;
}

function lowerLiteral(value: number | boolean, expected: ExprType, report: LowerReport): Json {
  const actual = typeOfLiteral(value);
  if (assignable(actual, expected)) return value;
  if (expected === 'string') return String(value);
  report(problem('SMP3010.literalType', { expected: TYPE_NAMES[expected], actual: TYPE_NAMES[actual], value: JSON.stringify(value) }));
  return value;
}

function lowerString(text: string, expected: ExprType, scope: Scope, report: LowerReport): Json {
  if (!hasExpression(text)) return lowerPlainText(text, expected, report);
  const parsed = parseTemplate(text);
  if (parsed.error) {
    report(problem('SMP3001.syntax', { problem: parsed.error.message }), { within: parsed.error.raw });
    return text;
  }
  const parts = resolveSegments(parsed.segments, scope, report);
  if (!parts) return text;
  if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0] !== undefined) {
    return lowerWhole(parts[0], expected, report);
  }
  return lowerJoined(parts, expected, report);
}

function lowerPlainText(text: string, expected: ExprType, report: LowerReport): Json {
  if (expected === 's3uri' && !/^s3:\/\/[^/]+/.test(text)) {
    report(problem('SMP6006.notS3Uri', { text }));
  } else if (expected !== 'string' && expected !== 's3uri' && expected !== 'json') {
    report(problem('SMP3010.textType', { expected: TYPE_NAMES[expected], text }));
  }
  return text;
}

type Part = string | (Resolved & { raw: string });

function resolveSegments(segments: Segment[], scope: Scope, report: LowerReport): Part[] | undefined {
  const parts: Part[] = [];
  let failed = false;
  for (const segment of segments) {
    if (segment.kind === 'text') {
      parts.push(segment.text);
      continue;
    }
    const resolved = resolveReference(segment.ref, scope);
    if ('problem' in resolved) {
      report(resolved.problem, scopeErrorOptions(resolved, segment.raw));
      failed = true;
    } else {
      parts.push({ ...resolved, raw: segment.raw });
    }
  }
  return failed ? undefined : parts;
}

function lowerWhole(part: Resolved & { raw: string }, expected: ExprType, report: LowerReport): Json {
  if (part.kind === 'literal') {
    if (typeof part.value === 'string') return lowerPlainText(part.value, expected, report);
    return lowerLiteral(part.value, expected, (found, o) => report(found, { within: part.raw, ...o }));
  }
  // A JSON value read from a report may be a number: join it so a string field gets a string.
  const textual = part.type === 'string' || part.type === 's3uri';
  if (expected === 'string' && !textual) return { 'Std:Join': { On: '', Values: [part.value] } };
  if (assignable(part.type, expected)) return part.value;
  report(problem('SMP3010.expressionType', { expression: part.raw, actual: TYPE_NAMES[part.type], expected: TYPE_NAMES[expected] }), { within: part.raw });
  return part.value;
}

function lowerJoined(parts: Part[], expected: ExprType, report: LowerReport): Json {
  const values: Json[] = [];
  for (const part of parts) {
    const value = typeof part === 'string' ? part : part.kind === 'literal' ? String(part.value) : (part.value);
    const last = values[values.length - 1];
    if (typeof value === 'string' && typeof last === 'string') values[values.length - 1] = last + value;
    else values.push(value);
  }
  if (values.length === 1 && typeof values[0] === 'string') return lowerPlainText(values[0], expected, report);
  const first = values[0];
  const type: ExprType = typeof first === 'string' && first.startsWith('s3://') ? 's3uri' : 'string';
  if (!assignable(type, expected)) {
    report(problem('SMP3010.joinedType', { actual: TYPE_NAMES[type], expected: TYPE_NAMES[expected] }));
  }
  return { 'Std:Join': { On: '', Values: values } };
}

/** How a failed reference is reported: at its own text, folded with its repeats (an unset var is one error). */
export function scopeErrorOptions(error: ScopeError, raw: string): { within: string; once?: string } {
  return error.once === undefined ? { within: raw } : { within: raw, once: error.once };
}
