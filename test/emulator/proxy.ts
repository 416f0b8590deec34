/** Passes a request through to moto unchanged (headers kept, body streamed) and streams the answer back. */
import { request, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { readBody, sendJsonError } from './http-util.js';

export interface Upstream { host: string; port: number }

/** Hop-by-hop headers belong to each connection, not to the request. The front server already
 * answered any Expect: 100-continue, so moto must not wait to send its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'expect', 'proxy-connection', 'upgrade']);

/**
 * Forwards `req` to moto. `body` is given when the caller already read it (JSON services);
 * otherwise the body streams through, so a client that dies mid-upload leaves moto an incomplete
 * request that it discards.
 */
export function proxyRequest(req: IncomingMessage, res: ServerResponse, upstream: Upstream, body?: Buffer, rewrite?: (answer: string) => string): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  if (body) {
    delete headers['transfer-encoding'];
    headers['content-length'] = body.length;
  }
  const outgoing = request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
    if (rewrite) return void rewritten(answer, res, rewrite);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  outgoing.on('error', (error) => {
    if (!res.headersSent) sendJsonError(res, 502, 'InternalFailure', `emulator: moto is unreachable: ${error.message}`);
    else res.destroy();
  });
  // The client went away (or a fault cut it): abandon the upstream request too.
  req.once('aborted', () => outgoing.destroy());
  res.once('close', () => { if (!res.writableFinished) outgoing.destroy(); });
  if (body) outgoing.end(body);
  else req.pipe(outgoing);
}

/** A small answer (an XML listing) read whole, corrected, and sent with its new length. */
async function rewritten(answer: IncomingMessage, res: ServerResponse, rewrite: (answer: string) => string): Promise<void> {
  const text = rewrite((await readBody(answer)).toString('utf8'));
  const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
  delete headers['transfer-encoding'];
  res.writeHead(answer.statusCode ?? 502, headers);
  res.end(text);
}
