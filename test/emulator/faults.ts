/**
 * Fault injection: a queue of armed faults, matched by operation name and used up one request at
 * a time, and what each kind does to the request in hand.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultKind, Service } from './types.js';
import { sendJsonError, sendXmlError } from './http-util.js';

const KINDS: ReadonlySet<FaultKind> = new Set(['throttle', 'error500', 'slow', 'drop', 'error']);

interface Armed { fault: Fault; left: number }

export class FaultBox {
  private armed: Armed[] = [];

  inject(fault: Fault): void {
    if (!KINDS.has(fault.kind)) throw new Error(`unknown fault kind '${String(fault.kind)}'`);
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault times must be positive, got ${times}`);
    this.armed.push({ fault: { ...fault }, left: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault for this operation, used up by one; undefined when none applies. */
  take(action: string): Fault | undefined {
    const hit = this.armed.find((a) => a.fault.action === undefined || a.fault.action === action);
    if (!hit) return undefined;
    hit.left -= 1;
    if (hit.left <= 0) this.armed = this.armed.filter((a) => a !== hit);
    return hit.fault;
  }
}

/**
 * Applies a fault. Returns true when the request is finished (answered or dropped), false when it
 * should go on normally (after a 'slow' delay).
 */
export async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, service: Service): Promise<boolean> {
  switch (fault.kind) {
    case 'slow':
      await delayWhileConnected(req, fault.delayMs ?? 1000);
      // A client that gave up (its timeout, a killed process) gets nothing; the request ends here.
      return req.socket.destroyed;
    case 'drop':
      dropMidway(req);
      return true;
    case 'throttle':
      // S3 throttles with 503 SlowDown; the JSON services with 400 ThrottlingException.
      answer(req, res, service, service === 's3' ? 503 : 400, service === 's3' ? 'SlowDown' : 'ThrottlingException', 'Rate exceeded');
      return true;
    case 'error500':
      answer(req, res, service, 500, service === 's3' ? 'InternalError' : 'InternalFailure', 'We encountered an internal error. Please try again.');
      return true;
    case 'error':
      answer(req, res, service, fault.status ?? 400, fault.code ?? 'ValidationException', fault.message ?? 'Injected error');
      return true;
  }
}

function answer(req: IncomingMessage, res: ServerResponse, service: Service, status: number, code: string, message: string): void {
  req.resume(); // an unread upload body would otherwise stall the keep-alive connection
  if (service === 's3') sendXmlError(res, status, code, message);
  else sendJsonError(res, status, code, message);
}

/** Waits `ms`, or until the client's connection closes, so a dead client holds no timer open. */
function delayWhileConnected(req: IncomingMessage, ms: number): Promise<void> {
  if (req.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    req.socket.once('close', done);
  });
}

/**
 * Destroys the connection without an answer. A request with a body is cut once half of it has
 * arrived, so an upload dies half way, as a real network failure would leave it.
 */
function dropMidway(req: IncomingMessage): void {
  const total = Number(req.headers['content-length'] ?? 0);
  const chunked = /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''));
  if (req.readableEnded || (!total && !chunked)) {
    req.socket.destroy();
    return;
  }
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (!total || seen >= total / 2) req.socket.destroy();
  });
  req.once('end', () => req.socket.destroy());
}
