/**
 * Pipeline versions, which moto does not keep: CreatePipeline makes version 1 and every
 * UpdatePipeline the next, each with the definition it was given (or the one before, when an
 * update changes only settings). DescribePipeline and StartPipelineExecution take a
 * PipelineVersionId and use that version's definition.
 */
import { notFound } from './errors.js';

interface PipelineHistory { modified: number; definitions: string[] }

export class PipelineVersions {
  private readonly pipelines = new Map<string, PipelineHistory>();

  created(name: string, definition: string): number {
    this.pipelines.set(name, { modified: Date.now(), definitions: [definition] });
    return 1;
  }

  /** The new version's id. A pipeline made before the emulator knew it starts from `current`. */
  updated(name: string, definition: string | undefined, current: string): number {
    const history = this.pipelines.get(name) ?? { modified: 0, definitions: [current] };
    history.definitions.push(definition ?? history.definitions.at(-1) ?? current);
    history.modified = Date.now();
    this.pipelines.set(name, history);
    return history.definitions.length;
  }

  deleted(name: string): void {
    this.pipelines.delete(name);
  }

  lastModified(name: string): number | undefined {
    return this.pipelines.get(name)?.modified;
  }

  latest(name: string): number {
    return this.pipelines.get(name)?.definitions.length ?? 1;
  }

  /** The definition of a version; ResourceNotFound for a version the pipeline never had. */
  definition(name: string, version: number, pipelineArn: string): string {
    const text = this.pipelines.get(name)?.definitions[version - 1];
    if (text === undefined) throw notFound(`Pipeline version ${version} of '${pipelineArn}' does not exist.`);
    return text;
  }
}
