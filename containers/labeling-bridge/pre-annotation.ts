/**
 * Ground Truth's pre-annotation Lambda for the custom task: {"version", "labelingJobArn",
 * "dataObject"} in, {"taskInput", "isHumanAnnotationRequired"} out. The data object is one input
 * manifest line as generate.py writes it ({"id", "source", "responses"}); taskInput becomes
 * `task.input` in the worker UI. A malformed line throws: Ground Truth then records the item as
 * failed (containers/preferences counts it as labeling_failed) instead of showing workers an
 * empty task.
 */
export interface PreAnnotationEvent {
  version?: string;
  labelingJobArn?: string;
  dataObject?: unknown;
}

export interface TaskInput {
  id: string | number | null;
  source: string;
  responses: string[];
}

export function preAnnotation(event: PreAnnotationEvent): { taskInput: TaskInput; isHumanAnnotationRequired: boolean } {
  const item = event.dataObject;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error('dataObject is not a JSON object');
  const { id, source, responses } = item as Record<string, unknown>;
  if (typeof source !== 'string' || source === '') throw new Error('dataObject.source (the question) is missing');
  if (!Array.isArray(responses) || responses.length < 2 || !responses.every((r) => typeof r === 'string')) {
    throw new Error('dataObject.responses should be an array of at least two strings');
  }
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') throw new Error('dataObject.id should be a string or a number');
  // Responses keep manifest order: ranks[i] must stay the rank of responses[i].
  return { taskInput: { id: id ?? null, source, responses: responses as string[] }, isHumanAnnotationRequired: true };
}
