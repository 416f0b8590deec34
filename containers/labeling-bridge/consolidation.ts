import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Clients } from './clients.js';

/**
 * Ground Truth's answer-consolidation (post-annotation) Lambda, pass-through: every worker's
 * answer is kept, unchanged, under the label attribute as
 * {"annotationsFromAllWorkers": [{"workerId", "annotationData": {"content"}}]}, the shape
 * containers/preferences reads (ranks are averaged there, with ties and agreement handled).
 *
 * The request names an S3 object (payload.s3Uri) holding a JSON array of
 * {"datasetObjectId", "dataObject", "annotations": [{"workerId", "annotationData": {"content"}}]}.
 */
export interface ConsolidationEvent {
  labelAttributeName?: string;
  labelingJobArn?: string;
  payload?: { s3Uri?: string };
}

export interface DatasetObject {
  datasetObjectId: string;
  dataObject?: unknown;
  annotations?: { workerId?: string; annotationData?: { content?: string } }[];
}

export interface ConsolidatedObject {
  datasetObjectId: string;
  consolidatedAnnotation: { content: Record<string, { annotationsFromAllWorkers: { workerId: string; annotationData: { content: string } }[] }> };
}

export function consolidate(objects: readonly DatasetObject[], labelAttributeName: string): ConsolidatedObject[] {
  return objects.map((object) => ({
    datasetObjectId: object.datasetObjectId,
    consolidatedAnnotation: {
      content: {
        [labelAttributeName]: {
          annotationsFromAllWorkers: (object.annotations ?? []).map((a) => ({
            workerId: String(a.workerId ?? ''),
            annotationData: { content: String(a.annotationData?.content ?? '') },
          })),
        },
      },
    },
  }));
}

export function createConsolidationHandler(clients: Clients) {
  return async (event: ConsolidationEvent): Promise<ConsolidatedObject[]> => {
    const label = event.labelAttributeName;
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(event.payload?.s3Uri ?? '');
    if (!label || !match) throw new Error('the consolidation request has no labelAttributeName or payload.s3Uri');
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
    const objects = JSON.parse(await (object.Body as { transformToString(): Promise<string> }).transformToString()) as DatasetObject[];
    if (!Array.isArray(objects)) throw new Error(`${event.payload?.s3Uri} does not hold a JSON array`);
    return consolidate(objects, label);
  };
}
