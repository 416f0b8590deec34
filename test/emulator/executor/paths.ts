/**
 * Reads a property path such as ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri or a
 * JsonGet path such as metrics.accuracy.value or items[0].name out of a JSON-like value.
 */

type Token = { key: string } | { index: number };

export function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]|\./g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push({ key: match[1] });
    else if (match[2] !== undefined) tokens.push({ key: match[2] });
    else if (match[3] !== undefined) tokens.push({ key: match[3] });
    else if (match[4] !== undefined) tokens.push({ index: Number(match[4]) });
  }
  return tokens;
}

/** Fields that name a list element, so Outputs['train'] finds {"OutputName": "train", …}. */
const NAME_FIELDS = ['OutputName', 'MetricName', 'ChannelName', 'InputName', 'Name', 'Key', 'PropertyFileName'];

function pick(node: unknown, token: Token): unknown {
  if (Array.isArray(node)) {
    if ('index' in token) return node[token.index];
    return node.find((item) => item && typeof item === 'object' &&
      NAME_FIELDS.some((field) => (item as Record<string, unknown>)[field] === token.key));
  }
  if (node && typeof node === 'object') return (node as Record<string, unknown>)['key' in token ? token.key : String(token.index)];
  return undefined;
}

/** The value at `path`, or undefined when any segment is missing. */
export function readPath(root: unknown, path: string): unknown {
  let node = root;
  for (const token of tokenize(path)) {
    node = pick(node, token);
    if (node === undefined) return undefined;
  }
  return node;
}
