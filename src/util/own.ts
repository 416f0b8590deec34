/**
 * Sets an own, enumerable property. Plain assignment of a user's key `__proto__` would replace
 * the object's prototype instead (and the key would silently vanish from the definition).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
