import { defaultClients } from './clients.js';
import { configFromEnv } from './config.js';
import { createEventHandler, createSweepHandler } from './completion.js';
import { createConsolidationHandler } from './consolidation.js';
import { createCallbackHandler } from './handler.js';
import type { EventBridgeEvent, SqsEvent } from './lambda-types.js';
import { preAnnotation as preAnnotationFn, type PreAnnotationEvent } from './pre-annotation.js';
import type { ConsolidationEvent } from './consolidation.js';

/**
 * The bridge's Lambda entry points, one bundle (index.mjs) for all functions; stack.yaml points
 * each function at its export. Clients are created on first use, once per container; what the
 * bridge was deployed for comes from the function's environment (stack.yaml).
 */
export const callbackMessages = (event: SqsEvent) => createCallbackHandler(defaultClients(), configFromEnv(process.env))(event);
export const labelingJobEvent = (event: EventBridgeEvent) => createEventHandler(defaultClients())(event);
export const sweep = () => createSweepHandler(defaultClients())();
export const preAnnotation = async (event: PreAnnotationEvent) => preAnnotationFn(event);
export const consolidation = (event: ConsolidationEvent) => createConsolidationHandler(defaultClients())(event);
