/**
 * The front server's request handler: names and records each request, applies an armed fault,
 * then answers SageMaker operations we implement and passes everything else to moto.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { classifyOther, classifyS3, isS3, isSageMaker } from './classify.js';
import { applyFault, type FaultBox } from './faults.js';
import { header, readBody, sendJson, sendJsonError } from './http-util.js';
import { proxyRequest, type Upstream } from './proxy.js';
import { MultipartClock } from './multipart-clock.js';
import type { Recorder } from './recorder.js';
import type { Handlers } from './sagemaker/context.js';
import { ServiceError } from './sagemaker/errors.js';
import type { Service } from './types.js';

/** JSON-protocol operations of other services we answer (or correct) ourselves, by X-Amz-Target prefix. */
export interface JsonHandlers { prefix: string; handlers: Handlers }

export interface RouterDeps { recorder: Recorder; faults: FaultBox; moto: Upstream; sagemaker: Handlers; json: JsonHandlers[]; multipart: MultipartClock }

export function createRouter(deps: RouterDeps): RequestListener {
  return (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJsonError(res, 500, 'InternalFailure', `emulator: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    });
  };
}

async function route(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (isSageMaker(req)) return sagemaker(deps, req, res);
  if (isS3(req, url)) {
    // S3 bodies stream through: a large upload is never held in memory.
    const { action, params } = classifyS3(req, url);
    if (await recordAndFault(deps, req, res, 's3', action, params)) return;
    const rewrite = MultipartClock.ACTIONS.has(action) ? (xml: string) => deps.multipart.rewrite(action, xml) : undefined;
    return proxyRequest(req, res, deps.moto, undefined, rewrite);
  }
  const body = await readBody(req);
  const { action, params } = classifyOther(req, url, body);
  if (await recordAndFault(deps, req, res, 'other', action, params)) return;
  const target = header(req, 'x-amz-target') ?? '';
  const own = deps.json.find((j) => target.startsWith(j.prefix))?.handlers[action];
  if (own) return answer(res, () => own(params as Record<string, unknown>));
  proxyRequest(req, res, deps.moto, body);
}

/** Our own answer to a JSON-protocol operation: the handler's result, or its ServiceError. */
async function answer(res: ServerResponse, handler: () => Promise<unknown>): Promise<void> {
  try {
    sendJson(res, 200, await handler());
  } catch (error) {
    if (error instanceof ServiceError) sendJsonError(res, error.status, error.code, error.message);
    else throw error;
  }
}

/** Records the request; true when an armed fault finished it. */
async function recordAndFault(deps: RouterDeps, req: IncomingMessage, res: ServerResponse, service: Service, action: string, params: unknown): Promise<boolean> {
  deps.recorder.record({ service, action, params, at: Date.now() });
  const fault = deps.faults.take(action);
  return fault ? applyFault(fault, req, res, service) : false;
}

async function sagemaker(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const action = (header(req, 'x-amz-target') ?? '').slice('SageMaker.'.length);
  let params: Record<string, unknown>;
  try {
    params = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    deps.recorder.record({ service: 'sagemaker', action, params: { raw: body.toString('utf8') }, at: Date.now() });
    return sendJsonError(res, 400, 'SerializationException', 'Request body is not valid JSON.');
  }
  if (await recordAndFault(deps, req, res, 'sagemaker', action, params)) return;
  const handler = deps.sagemaker[action];
  if (!handler) return proxyRequest(req, res, deps.moto, body);
  return answer(res, () => handler(params));
}
