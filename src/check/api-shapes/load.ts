// Imported (not read from disk) so that tsc copies the file into dist/ beside this module.
import shapesJson from './sagemaker-shapes.json' with { type: 'json' };

/**
 * The SageMaker API shapes that smpipe checks against, generated from the
 * @aws-sdk/client-sagemaker models by scripts/gen-api-shapes.ts.
 *
 * A member refers to a scalar by name (SCALARS) or to an entry of `shapes`; lists and maps get
 * synthetic names (`list<Channel>`, `map<string>`) so each member stays one short string.
 */
export type Shape = StructureShape | ListShape | MapShape | EnumShape | IntEnumShape;

/** A `union` (tagged union) sets exactly one of its members. */
export interface StructureShape { type: 'structure' | 'union'; members: Record<string, string>; required?: string[] }
export interface ListShape { type: 'list'; member: string }
export interface MapShape { type: 'map'; value: string }
export interface EnumShape { type: 'enum'; values: string[] }
export interface IntEnumShape { type: 'intEnum'; values: number[] }

export interface ShapeFile {
  sdkVersion: string;
  roots: string[];
  shapes: Record<string, Shape>;
}

/**
 * Scalars by wire type. The SDK models do not tell integers from floats (both are `number`);
 * ranges.ts marks the members whose API reference type is Integer.
 */
export const SCALARS = ['string', 'number', 'boolean', 'timestamp', 'blob', 'document'] as const;
export type Scalar = (typeof SCALARS)[number];

export type Resolved =
  | { kind: 'scalar'; scalar: Scalar }
  | { kind: 'shape'; name: string; shape: Shape };

const FILE = shapesJson as unknown as ShapeFile;

/** The generated file (parsed once, when this module is first imported). */
export function shapeFile(): ShapeFile {
  return FILE;
}

function isScalar(ref: string): ref is Scalar {
  return (SCALARS as readonly string[]).includes(ref);
}

/** Looks a member's reference up; an unknown name is a bug in the generated file, so it throws. */
export function resolveRef(ref: string): Resolved {
  if (isScalar(ref)) return { kind: 'scalar', scalar: ref };
  const shape = shapeFile().shapes[ref];
  if (!shape) throw new Error(`sagemaker-shapes.json has no shape ${ref}`);
  return { kind: 'shape', name: ref, shape };
}

/** A root (request or Describe* response) structure, or undefined when the name is not one. */
export function rootShape(name: string): StructureShape | undefined {
  const shape = shapeFile().shapes[name];
  return shape?.type === 'structure' ? shape : undefined;
}
