import { contentAddressedKey } from '../assets/hash.js';

/**
 * The first problem with a parsed manifest.json (types of every field deploy and the runner use,
 * and each asset's S3 URI being the content-addressed key of its sha256 under `artifacts`), or
 * undefined when it is well formed. Hand-written rather than a JSON Schema: this runs on every
 * deploy and must not pay for a validator compile.
 */
export function checkManifestShape(raw: unknown): string | undefined {
  if (!isObject(raw)) return 'not a JSON object';
  return firstProblem([
    () => expect(raw, 'pipeline', isString),
    () => expect(raw, 'displayName', nullOr(isString)),
    () => expect(raw, 'description', nullOr(isString)),
    () => expect(raw, 'role', nullOr(isString)),
    () => expect(raw, 'artifacts', nullOr((v) => isString(v) && /^s3:\/\/[^/]+/.test(v))),
    () => expect(raw, 'region', nullOr(isString)),
    () => expect(raw, 'parallelism', nullOr((v) => Number.isInteger(v))),
    () => expect(raw, 'tags', (v) => Array.isArray(v) && v.every((t) => isObject(t) && isString(t.Key) && isString(t.Value))),
    () => expect(raw, 'definition', (v) => isObject(v) && v.file === 'definition.json' && isSha(v.sha256) && isSize(v.size)),
    () => expect(raw, 'parameters', (v) => isObject(v) && Object.values(v).every(isParameter)),
    () => expect(raw, 'assets', Array.isArray),
    () => assetProblem(raw.assets as unknown[], raw.artifacts as string | null),
  ]);
}

function assetProblem(assets: unknown[], artifacts: string | null): string | undefined {
  for (const [i, asset] of assets.entries()) {
    const where = `assets[${i}]`;
    if (!isObject(asset) || ![asset.name, asset.source, asset.file, asset.s3Uri].every(isString) || !isSha(asset.sha256) || !isSize(asset.size)) {
      return `${where} needs name, source, file, s3Uri (strings), sha256 (64 hex digits) and size`;
    }
    if (!artifacts) return `${where}: assets need an artifacts prefix`;
    const expected = safeKey(artifacts, asset.sha256 as string, asset.name as string);
    if (asset.s3Uri !== expected) return `${where}.s3Uri is ${JSON.stringify(asset.s3Uri)}, not the content-addressed ${JSON.stringify(expected)}`;
  }
  return undefined;
}

function safeKey(artifacts: string, sha: string, name: string): string | undefined {
  try {
    return contentAddressedKey(artifacts, sha, name);
  } catch {
    return undefined;
  }
}

function isParameter(p: unknown): boolean {
  if (!isObject(p) || !['string', 'integer', 'float', 'boolean'].includes(p.type as string)) return false;
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  return (p.default === undefined || scalar(p.default))
    && (p.enum === undefined || (Array.isArray(p.enum) && p.enum.every(scalar)))
    && (p.description === undefined || isString(p.description));
}

function expect(raw: Record<string, unknown>, key: string, ok: (value: unknown) => boolean): string | undefined {
  if (!Object.hasOwn(raw, key)) return `no "${key}"`;
  return ok(raw[key]) ? undefined : `"${key}" has the wrong type or shape`;
}

function firstProblem(checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}

const nullOr = (ok: (v: unknown) => boolean) => (v: unknown) => v === null || ok(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isSha = (v: unknown) => isString(v) && /^[0-9a-f]{64}$/.test(v);
const isSize = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
