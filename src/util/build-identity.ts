/**
 * The identity of the running smpipe build: the sha256 of the CLI bundle, which src/cli/start.ts
 * passes in through the bundle's entry; undefined when smpipe runs as modules (the library, the
 * tests, SMPIPE_BUNDLE=off). A cache that keeps results of smpipe's own code across processes
 * (pack-memo.ts: what a folder packs to, and the secrets found in it) keys on it, and stays off
 * without it: a newer smpipe, or an edited checkout, must never read an older one's results.
 */
let identity: string | undefined;

export function setBuildIdentity(id: string): void {
  identity = id;
}

export function buildIdentity(): string | undefined {
  return identity;
}
