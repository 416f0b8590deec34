/** The value types smpipe tracks for every expression. `s3uri` is a string that names an S3 location. */
export type ExprType = 'string' | 'integer' | 'float' | 'boolean' | 's3uri' | 'json';

/** A pipeline run-time value: `{Get}`, `{"Std:Join"}` or `{"Std:JsonGet"}`. */
export type PipelineFunction =
  | { Get: string }
  | { 'Std:Join': { On: string; Values: Json[] } }
  | { 'Std:JsonGet': { PropertyFile: { Get: string }; Path: string } };

export type Json = string | number | boolean | null | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

/** A JSON object (not an array, not null). */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A resolved `${...}` reference. */
export type Resolved =
  | { kind: 'literal'; value: string | number | boolean; type: ExprType }
  | { kind: 'runtime'; value: PipelineFunction; type: ExprType; step?: string };

export const TYPE_NAMES: Record<ExprType, string> = {
  string: 'string',
  integer: 'integer',
  float: 'float',
  boolean: 'boolean',
  s3uri: 'S3 URI',
  json: 'JSON value',
};

export function isPipelineFunction(value: unknown): value is PipelineFunction {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Get' || keys[0] === 'Std:Join' || keys[0] === 'Std:JsonGet');
}

/** Can a value of type `actual` stand where `expected` is required (without text conversion)? */
export function assignable(actual: ExprType, expected: ExprType): boolean {
  if (actual === expected || actual === 'json') return true;
  switch (expected) {
    case 'string':
      return actual === 's3uri';
    case 's3uri':
      return actual === 'string';
    case 'float':
      return actual === 'integer';
    case 'json':
      return true;
    default:
      return false;
  }
}

export function typeOfLiteral(value: string | number | boolean): ExprType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return value.startsWith('s3://') ? 's3uri' : 'string';
}
