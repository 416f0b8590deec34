/** Every request the front server receives, in arrival order (faulted ones included). */
import type { RecordedRequest } from './types.js';

export class Recorder {
  /** One array for the emulator's whole life, so `emulator.requests` stays the live list. */
  readonly requests: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.requests.push(entry);
  }

  count(action: string): number {
    return this.requests.filter((r) => r.action === action).length;
  }

  clear(): void {
    this.requests.length = 0;
  }
}
