export { escapePointer } from '../../spec/source.js';

/** The raw spec value at a relative pointer such as `containers/0/environment`. */
export function specAt(spec: Record<string, unknown>, rel: string): unknown {
  let node: unknown = spec;
  for (const part of rel.split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
