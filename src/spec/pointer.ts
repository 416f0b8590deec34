/**
 * JSON pointers (RFC 6901), the one place their escaping lives: every diagnostic is placed by a
 * pointer into the spec, and a key holding "/" or "~" must still find its own line.
 */

function escapePointer(segment: string): string {
  // Nearly every key is plain: skip the two regular expressions for it.
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `base` extended by each segment, escaped: joinPointer('/steps', 'a/b') is `/steps/a~1b`. */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((p, s) => `${p}/${escapePointer(String(s))}`, base);
}

/** The value at a pointer relative to `root` (`instance/type`; '' is root itself), own members only. */
export function valueAt(root: unknown, relative: string): unknown {
  if (relative === '') return root;
  let node = root;
  for (const part of relative.split('/').map(unescapePointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
