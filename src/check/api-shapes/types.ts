import { codeOf, type MessageKey, type ProblemOf } from '../../diagnostics/messages.js';
import type { Limit } from './ranges.js';
import { truncate } from '../../util/truncate.js';

/** The type of a pipeline expression; 'any' (for example an untyped property) matches every scalar. */
export type ExprType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export type ShapeCode = 'SMP8001' | 'SMP8002' | 'SMP8003' | 'SMP8004' | 'SMP8005';

export type ShapePath = (string | number)[];

/** The messages of the API-shape checks: each names the request (CreateTrainingJob: …). */
export type ShapeProblem = ProblemOf<Extract<MessageKey, `${ShapeCode}.${string}`>>;

export interface ShapeFinding {
  code: ShapeCode;
  /** Member names and list indexes from the root of the checked value. */
  path: ShapePath;
  problem: ShapeProblem;
}

export type ExprTypeOf = (expr: Record<string, unknown>) => ExprType;

/** Where the walk is: shared by every check of one value. */
export interface At {
  /** The request's name for messages: CreateTrainingJob. */
  request: string;
  path: ShapePath;
  /** `Structure.Member` (plus " item", " key", " value"), for messages. */
  where: string;
  limit: Limit | undefined;
  findings: ShapeFinding[];
  exprType: ExprTypeOf;
  /** Told of each expression standing where an enum belongs: its values are known only at run time. */
  onEnumExpression?: EnumExpressionHook;
}

/** `enumName` and its `values`, for an expression at an enum position (an instance type from a parameter). */
export type EnumExpressionHook = (expr: Record<string, unknown>, enumName: string, values: readonly string[]) => void;

export function report(at: At, found: ShapeProblem): void {
  at.findings.push({ code: shapeCodeOf(found), path: at.path, problem: found });
}

function shapeCodeOf(found: ShapeProblem): ShapeCode {
  const code = codeOf(found.key);
  return code === 'SMP8001' || code === 'SMP8002' || code === 'SMP8003' || code === 'SMP8004' ? code : 'SMP8005';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for messages: `the string "1"`, `a list`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value, 60))}`;
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}
