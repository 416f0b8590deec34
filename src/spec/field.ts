import { joinPointer } from './pointer.js';

/** The object members of T (a field may be a string shorthand or its settings). */
type Members<T> = T extends readonly unknown[] ? never : T extends object ? T : never;

/** The names `at` accepts: any member's keys; any name for a free-form map. */
export type KeyOf<T> = Members<T> extends infer M ? (M extends unknown ? keyof M & string : never) : never;

/** What `at(key)` holds: the member's value, or undefined where the key or the value may be absent. */
export type ValueAt<T, K extends string> = T extends readonly unknown[]
  ? undefined
  : T extends object
    ? K extends keyof T
      ? string extends keyof T
        ? T[K] | undefined
        : T[K]
      : undefined
    : undefined;

/**
 * A value of the validated spec together with the JSON pointer it was read from, which is what
 * lowering needs to put a diagnostic on its YAML line. `at` accepts only names the value's type
 * has, so a misspelt field is a type error, and every pointer is escaped in one place.
 */
export class Field<T> {
  /**
   * @param shorthandFor a member name that stands for the value itself: `channel: s3://b/x` is
   *   `channel: { source: s3://b/x }`, and `source` points at the shorthand's own line.
   */
  constructor(
    readonly raw: T,
    readonly pointer: string,
    private readonly shorthandFor?: string,
  ) {}

  /** The member `key`, at `<pointer>/<key>`. */
  at<K extends KeyOf<T>>(key: K): Field<ValueAt<T, K>> {
    const raw = this.raw;
    const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.hasOwn(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
    const pointer = key === this.shorthandFor ? this.pointer : joinPointer(this.pointer, key);
    return new Field(value as ValueAt<T, K>, pointer);
  }

  /** The members of a free-form map, in the order written (own keys only; none when it is not a map). */
  entries<V>(this: Field<Readonly<Record<string, V>> | undefined>): [string, Field<V>][] {
    const raw = this.raw;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
    return Object.entries(raw).map(([key, value]) => [key, new Field(value, joinPointer(this.pointer, key))]);
  }

  /** The items of a list, each at `<pointer>/<index>` (none when it is not a list). */
  items<E>(this: Field<readonly E[] | undefined>): Field<E>[] {
    const raw = this.raw;
    return Array.isArray(raw) ? raw.map((item: E, i) => new Field(item, joinPointer(this.pointer, i))) : [];
  }

  /** The field when it is set, its type without undefined; undefined when it is absent. */
  ifSet<X>(this: Field<X | undefined>): Field<X> | undefined {
    return this.raw === undefined ? undefined : new Field(this.raw, this.pointer, this.shorthandFor);
  }

  /** A field that holds one value or a list of them, as its values' fields. */
  oneOrMany<E>(this: Field<E | readonly E[]>): Field<E>[] {
    const raw = this.raw;
    if (Array.isArray(raw)) return raw.map((item: E, i) => new Field(item, joinPointer(this.pointer, i)));
    return [new Field(raw as E, this.pointer)];
  }

  /**
   * A field written either as a string or as settings, always as its settings: the string
   * becomes member `key`, which then points at the string itself.
   */
  settings<S extends object, K extends keyof S & string>(this: Field<string | S>, key: K): Field<S> {
    if (typeof this.raw !== 'string') return new Field(this.raw, this.pointer);
    return new Field({ [key]: this.raw } as S, this.pointer, key);
  }
}
