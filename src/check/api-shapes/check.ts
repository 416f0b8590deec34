/**
 * SageMaker API-shape checks (issue #2 item 5): a step's compiled Arguments against the Create*
 * request shape, and property paths against the Describe* response shape, using the models that
 * ship with @aws-sdk/client-sagemaker (sagemaker-shapes.json) plus the hand-kept limits in
 * ranges.ts. Findings are data; the caller turns them into diagnostics with positions.
 */
import { rootShape } from './load.js';
import type { At, EnumExpressionHook, ExprType, ShapeFinding } from './types.js';
import { walkStructure } from './walk.js';

export type { EnumExpressionHook, ExprType, ShapeFinding } from './types.js';
export { resolvePropertyPath } from './property-path.js';
export type { PropertyPathResult, PropertyType } from './property-path.js';

export interface CheckRequestOptions {
  /** Top-level members the pipeline supplies itself (ProcessingJobName, ModelName, …): not required, not allowed. */
  omit?: readonly string[];
  /** The type of a `Get` or `Std:JsonGet` expression (`Std:Join` is always a string). */
  exprType: (expr: Record<string, unknown>) => ExprType;
  onEnumExpression?: EnumExpressionHook;
}

/**
 * Checks `value` (a step's compiled Arguments) against the request shape `root`, e.g.
 * CreateTrainingJobRequest. Returns every finding; throws only when `root` is not a known shape.
 */
export function checkRequestShape(root: string, value: unknown, options: CheckRequestOptions): ShapeFinding[] {
  const shape = rootShape(root);
  if (!shape) throw new Error(`unknown SageMaker request shape ${root}`);
  const at: At = { request: root.replace(/(Request|Input)$/, ''), path: [], where: root, limit: undefined, findings: [], exprType: options.exprType };
  if (options.onEnumExpression) at.onEnumExpression = options.onEnumExpression;
  walkStructure(value, root, shape, at, options.omit ?? []);
  return at.findings;
}
