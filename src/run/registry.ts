/**
 * .smpipe/local/registry.json: what model, register-model, endpoint-config and endpoint steps
 * created, as the SageMaker control plane would keep it (nothing is served locally). Model
 * package versions count up per group, as the Model Registry numbers them.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject } from './definition.js';

export interface RegistryRecord {
  arn: string;
  run: string;
  step: string;
  createdAt: string;
  request: JsonObject;
}

export interface RegistryData {
  models: Record<string, RegistryRecord>;
  modelPackages: Record<string, (RegistryRecord & { version: number })[]>;
  endpointConfigs: Record<string, RegistryRecord>;
  endpoints: Record<string, RegistryRecord & { status: string }>;
}

export class LocalRegistry {
  readonly file: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(localDir: string) {
    this.file = join(localDir, 'registry.json');
  }

  read(): RegistryData {
    const empty: RegistryData = { models: {}, modelPackages: {}, endpointConfigs: {}, endpoints: {} };
    if (!existsSync(this.file)) return empty;
    try {
      return { ...empty, ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<RegistryData>) };
    } catch {
      return empty;
    }
  }

  /** Read, change, write: one change at a time, so parallel steps never lose each other's records. */
  update<T>(change: (data: RegistryData) => T): Promise<T> {
    const next = this.queue.then(() => {
      const data = this.read();
      const result = change(data);
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(`${this.file}.tmp-${process.pid}`, `${JSON.stringify(data, null, 2)}\n`);
      renameSync(`${this.file}.tmp-${process.pid}`, this.file);
      return result;
    });
    this.queue = next.then(() => undefined, () => undefined);
    return next;
  }
}
