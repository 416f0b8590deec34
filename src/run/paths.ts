/**
 * Property paths (`ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri`,
 * `FinalMetricDataList['loss'].Value`) and Std:JsonGet paths (`metrics.accuracy.value`,
 * `items[0].name`) read out of JSON values.
 */
export type PathToken = { key: string } | { index: number };

/** undefined when the path has text that is neither a name, a ['quoted key'] nor an [index]. */
export function tokenizePath(path: string): PathToken[] | undefined {
  const tokens: PathToken[] = [];
  const pattern = /([^.[\]'"]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]|(\.)/gy;
  let consumed = 0;
  for (const match of path.matchAll(pattern)) {
    consumed = (match.index ?? 0) + match[0].length;
    if (match[1] !== undefined) tokens.push({ key: match[1] });
    else if (match[2] !== undefined) tokens.push({ key: match[2] });
    else if (match[3] !== undefined) tokens.push({ key: match[3] });
    else if (match[4] !== undefined) tokens.push({ index: Number(match[4]) });
  }
  return consumed === path.length ? tokens : undefined;
}

/**
 * Fields that name a list element, so `Outputs['train']` finds `{"OutputName": "train", …}` the
 * way SageMaker's property references index the Describe* lists by name.
 */
const NAME_FIELDS = ['OutputName', 'MetricName', 'ChannelName', 'InputName', 'Name', 'Key', 'PropertyFileName', 'VariantName'];

export function pickToken(node: unknown, token: PathToken): unknown {
  if (Array.isArray(node)) {
    if ('index' in token) return node[token.index];
    return node.find((item) => typeof item === 'object' && item !== null && NAME_FIELDS.some((f) => (item as Record<string, unknown>)[f] === token.key));
  }
  if (typeof node === 'object' && node !== null) {
    const key = 'key' in token ? token.key : String(token.index);
    return Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}

/** The value at `path`, or undefined when a segment is missing or the path is malformed. */
export function readPath(root: unknown, path: string): unknown {
  const tokens = tokenizePath(path);
  if (!tokens) return undefined;
  let node = root;
  for (const token of tokens) {
    node = pickToken(node, token);
    if (node === undefined) return undefined;
  }
  return node;
}
