/** Plain JSON values, the only thing a JSON Schema document holds. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** structuredClone keeps corrections from ever touching the imported (shared) module object. */
export function deepCopy<T extends Json>(value: T): T {
  return structuredClone(value);
}

/**
 * The object at `path` below `root`. Throws when a segment is missing: a correction that no
 * longer finds its target means the vendored schema changed, and that must fail loudly, at
 * build time, rather than leave a deviation silently unpatched.
 */
export function at(root: JsonObject, ...path: string[]): JsonObject {
  let node: Json = root;
  for (const key of path) {
    const next: Json | undefined = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    if (!isObject(next)) {
      throw new Error(`definition schema: no object at /${path.join('/')} (stopped at "${key}")`);
    }
    node = next;
  }
  return node as JsonObject;
}

/** A named definition of the schema (`#/definitions/NAME`). */
export function def(schema: JsonObject, name: string): JsonObject {
  return at(schema, 'definitions', name);
}

/** `{ "$ref": "#/definitions/NAME" }` */
export function ref(name: string): JsonObject {
  return { $ref: `#/definitions/${name}` };
}

/** Every step definition name, in the vendored schema's order. */
export function stepDefinitionNames(schema: JsonObject): string[] {
  return Object.keys(at(schema, 'definitions')).filter((name) => name.endsWith('Step'));
}
