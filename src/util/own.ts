/**
 * Sets an own, enumerable property. Plain assignment of a user's key `__proto__` would replace
 * the object's prototype instead (and the key would silently vanish from the definition).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The own keys of an object whose keys its type lists exactly (a constant table): Object.keys
 * types them as string[], since other objects may carry more.
 */
export function keysOf<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}
