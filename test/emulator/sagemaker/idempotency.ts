/**
 * ClientRequestToken: a repeated request with the same token gets the first answer instead of a
 * second pipeline or execution. The SDK generates one token per send() and reuses it on retries,
 * so a retried StartPipelineExecution whose answer was lost starts nothing new.
 */
import { validationError } from './errors.js';

export class IdempotencyCache {
  private readonly entries = new Map<string, { fingerprint: string; result: unknown }>();

  async once<T>(action: string, params: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    const token = params['ClientRequestToken'];
    if (typeof token !== 'string') return run();
    const { ClientRequestToken: _token, ...rest } = params;
    const fingerprint = JSON.stringify(rest);
    const key = `${action}:${token}`;
    const seen = this.entries.get(key);
    if (seen && seen.fingerprint === fingerprint) return seen.result as T;
    if (seen) throw validationError(`ClientRequestToken '${token}' was already used for a different ${action} request.`);
    const result = await run();
    this.entries.set(key, { fingerprint, result });
    return result;
  }
}
