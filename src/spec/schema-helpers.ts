import type { JsonSchema } from '../steps/types.js';

/**
 * Small builders for spec schema fragments. Every builder takes the description
 * first, so no property can be added without hover text for editors.
 * Fields that accept run-time values also accept a string holding `${...}`.
 */
const EXPRESSION = '\\$\\{';

export function text(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function integer(description: string, range: { min?: number; max?: number } = {}): JsonSchema {
  return withRange({ type: ['integer', 'string'], pattern: EXPRESSION, description }, range);
}

export function number(description: string, range: { min?: number; max?: number } = {}): JsonSchema {
  return withRange({ type: ['number', 'string'], pattern: EXPRESSION, description }, range);
}

export function boolean(description: string): JsonSchema {
  return { type: ['boolean', 'string'], pattern: EXPRESSION, description };
}

/** A literal integer only (no run-time expressions), e.g. a retry count. */
export function literalInteger(description: string, range: { min?: number; max?: number } = {}): JsonSchema {
  return withRange({ type: 'integer', description }, range);
}

export function literalBoolean(description: string): JsonSchema {
  return { type: 'boolean', description };
}

export function oneOfText(description: string, values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values], description };
}

export function list(description: string, items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items, description, ...extra };
}

export function stringMap(description: string, values: JsonSchema = { type: ['string', 'number', 'boolean'] }): JsonSchema {
  return { type: 'object', additionalProperties: { description: 'A value.', ...values }, description };
}

export function object(description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  const schema: JsonSchema = { type: 'object', description, properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

/** Free-form object: raw SageMaker API fields, checked later against the API shapes. */
export function rawApiFields(description: string): JsonSchema {
  return { type: 'object', description };
}

export function anyOf(description: string, variants: JsonSchema[]): JsonSchema {
  return { description, anyOf: variants };
}

function withRange(schema: JsonSchema, range: { min?: number; max?: number }): JsonSchema {
  if (range.min !== undefined) schema.minimum = range.min;
  if (range.max !== undefined) schema.maximum = range.max;
  return schema;
}
